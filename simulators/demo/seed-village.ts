import type { Db } from '../../src/db/client';
import { createArea } from '../../src/directory/areas';
import { importHouseholds } from '../../src/directory/import/import-households';
import type { ImportReport } from '../../src/directory/import/types';
import { householdsCsv } from '../population/households-csv';
import type { Population } from '../population/population-types';

/** Puts a generated town into linli the way a cadre would: the area tree, then the households CSV. */
export async function seedVillage(db: Db, population: Population): Promise<ImportReport> {
  await createTownAreas(db, population);
  const csv = Buffer.from(householdsCsv(population), 'utf8');
  return importHouseholds(db, csv, { mode: 'all-or-nothing', encoding: 'auto', scopeAreaId: null });
}

/** The generated town's area tree: the town, its villages and their grids. */
export async function createTownAreas(db: Db, population: Population): Promise<void> {
  const town = await createArea(db, {
    level: 'TOWN',
    name: population.town.name,
    code: population.town.code,
  });
  for (const village of population.villages) {
    const v = await createArea(db, {
      level: 'VILLAGE',
      name: village.name,
      code: village.code,
      parentId: town.id,
    });
    for (const grid of village.grids) {
      await createArea(db, { level: 'GRID', name: grid.name, code: grid.code, parentId: v.id });
    }
  }
}
