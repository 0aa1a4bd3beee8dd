import type { Db } from '../../../src/db/client';

/**
 * Town 青山镇 with two villages: 东村 (grids 东一, 东二) and 西村 (grid 西一).
 * Names are shared across villages on purpose where the tests need it (each village has a grid "一组").
 */
export async function seedAreas(db: Db) {
  const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: 'qs' } });
  const east = await db.area.create({
    data: { level: 'VILLAGE', name: '东村', code: 'qs-east', parentId: town.id },
  });
  const west = await db.area.create({
    data: { level: 'VILLAGE', name: '西村', code: 'qs-west', parentId: town.id },
  });
  const east1 = await db.area.create({
    data: { level: 'GRID', name: '一组', code: 'qs-east-1', parentId: east.id },
  });
  const east2 = await db.area.create({
    data: { level: 'GRID', name: '二组', code: 'qs-east-2', parentId: east.id },
  });
  const west1 = await db.area.create({
    data: { level: 'GRID', name: '一组', code: 'qs-west-1', parentId: west.id },
  });
  return { town, east, west, east1, east2, west1 };
}

export type SeededAreas = Awaited<ReturnType<typeof seedAreas>>;
