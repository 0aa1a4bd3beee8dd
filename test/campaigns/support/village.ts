import type { Db } from '../../../src/db/client';

export interface HouseholdSpec {
  /** E.164 numbers in the order they are tried. */
  numbers: string[];
  tags?: string[];
}

export interface SeededVillage {
  townId: string;
  villageId: string;
  villageCode: string;
  gridIds: string[];
  /** In the order of the specs. */
  householdIds: string[];
  /** One grid worker per grid (when asked for), by grid id. */
  gridWorkers: Map<string, { personId: string; phone: string }>;
}

/**
 * A village of households spread over `grids` grids, each grid with a grid worker when `workerPhones`
 * gives their numbers. Codes carry `label`, so several villages can share a database.
 */
export async function seedVillage(
  db: Db,
  label: string,
  households: readonly HouseholdSpec[],
  options: { grids?: number; workerPhones?: string[] } = {},
): Promise<SeededVillage> {
  const gridCount = options.grids ?? 4;
  const town = await db.area.create({ data: { level: 'TOWN', name: `${label}镇`, code: `${label}-town` } });
  const village = await db.area.create({
    data: { level: 'VILLAGE', name: `${label}村`, code: `${label}-village`, parentId: town.id },
  });
  const gridIds: string[] = [];
  const gridWorkers = new Map<string, { personId: string; phone: string }>();
  for (let g = 0; g < gridCount; g++) {
    const grid = await db.area.create({
      data: { level: 'GRID', name: `${g + 1}组`, code: `${label}-grid-${g + 1}`, parentId: village.id },
    });
    gridIds.push(grid.id);
    const phone = options.workerPhones?.[g];
    if (phone) {
      const worker = await db.person.create({
        data: {
          name: `网格员${g + 1}`,
          roles: ['GRID_WORKER'],
          areaId: grid.id,
          phones: { create: [{ e164: phone }] },
        },
      });
      gridWorkers.set(grid.id, { personId: worker.id, phone });
    }
  }
  const householdIds: string[] = [];
  for (const [i, spec] of households.entries()) {
    const household = await db.household.create({
      data: {
        externalRef: `${i + 1}号`,
        gridId: gridIds[i % gridCount] as string,
        address: `${label}村${i + 1}号`,
        tags: spec.tags ?? [],
        phones: { create: spec.numbers.map((e164, priority) => ({ e164, priority })) },
      },
    });
    householdIds.push(household.id);
  }
  return {
    townId: town.id,
    villageId: village.id,
    villageCode: village.code,
    gridIds,
    householdIds,
    gridWorkers,
  };
}
