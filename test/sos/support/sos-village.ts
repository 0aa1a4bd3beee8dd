import type { Db } from '../../../src/db/client';

/** A village near 30.2741 N, 120.1551 E with three households on the map. */
export const VILLAGE_CENTRE = { lat: 30.274085, lon: 120.15507 };

export interface SosVillage {
  townId: string;
  villageId: string;
  gridId: string;
  otherGridId: string;
  householdId: string;
  elderPersonId: string;
  /** Family members, each with their own phone in the directory. */
  family: { personId: string; name: string; phone: string }[];
  gridWorker: { personId: string; name: string; phone: string };
  cadre: { personId: string; name: string; phone: string };
}

/**
 * Areas, households and people for SOS tests, written straight to the directory tables (the
 * directory has its own tests). `phones` are the E.164 numbers of family 1-2, the grid worker and
 * the cadre, in that order; `tag` keeps codes unique when a file seeds twice.
 */
export async function seedSosVillage(
  db: Db,
  phones: [string, string, string, string],
  tag = 'a',
): Promise<SosVillage> {
  const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: `sos-${tag}` } });
  const village = await db.area.create({
    data: { level: 'VILLAGE', name: '东村', code: `sos-${tag}-east`, parentId: town.id },
  });
  const grid = await db.area.create({
    data: { level: 'GRID', name: '一组', code: `sos-${tag}-east-1`, parentId: village.id },
  });
  const otherGrid = await db.area.create({
    data: { level: 'GRID', name: '二组', code: `sos-${tag}-east-2`, parentId: village.id },
  });
  const home = await db.household.create({
    data: { externalRef: '东巷12号', gridId: grid.id, address: '东巷12号', ...coordinates(VILLAGE_CENTRE) },
  });
  await db.household.create({
    data: {
      externalRef: '村委会',
      gridId: grid.id,
      address: '村委会',
      ...coordinates({ lat: VILLAGE_CENTRE.lat + 0.004, lon: VILLAGE_CENTRE.lon }),
    },
  });
  await db.household.create({
    data: {
      externalRef: '西巷3号',
      gridId: otherGrid.id,
      address: '西巷3号',
      ...coordinates({ lat: VILLAGE_CENTRE.lat, lon: VILLAGE_CENTRE.lon - 0.004 }),
    },
  });
  const elder = await db.person.create({ data: { name: '张秀兰', roles: ['ELDER'], householdId: home.id } });
  const person = async (
    name: string,
    roles: ('FAMILY_CONTACT' | 'GRID_WORKER' | 'CADRE')[],
    phone: string,
    areaId?: string,
  ) => {
    const p = await db.person.create({ data: { name, roles, ...(areaId ? { areaId } : {}) } });
    await db.phoneNumber.create({ data: { e164: phone, personId: p.id } });
    return { personId: p.id, name, phone };
  };
  return {
    townId: town.id,
    villageId: village.id,
    gridId: grid.id,
    otherGridId: otherGrid.id,
    householdId: home.id,
    elderPersonId: elder.id,
    family: [
      await person('李明', ['FAMILY_CONTACT'], phones[0]),
      await person('李红', ['FAMILY_CONTACT'], phones[1]),
    ],
    gridWorker: await person('王网格', ['GRID_WORKER'], phones[2], grid.id),
    cadre: await person('赵书记', ['CADRE'], phones[3], village.id),
  };
}

function coordinates(point: { lat: number; lon: number }) {
  return { latitude: point.lat, longitude: point.lon };
}
