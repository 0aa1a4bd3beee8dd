import { callerE164, findVillageByCode, matchCaller } from '../../src/hotline/caller-match';
import { dutyPhone } from '../../src/hotline/duty-phone';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';

describe('who calls the hotline, and whose phone rings for an urgent call', () => {
  let database: TestDatabase;
  let areas: SeededAreas;
  const NOW = new Date('2026-12-03T02:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase('hotline_dir');
    areas = await seedAreas(database.db);
  });
  afterAll(() => database.drop());

  it.each([
    ['13912345678', '+8613912345678'],
    ['8613912345678', '+8613912345678'],
    ['008613912345678', '+8613912345678'],
    ['+8613912345678', '+8613912345678'],
    ['anonymous', null],
    ['', null],
  ])('reads the caller id %p as %p', (raw, e164) => {
    expect(callerE164(raw)).toBe(e164);
  });

  it('matches a household by a member’s phone, and no household when two share the number', async () => {
    const db = database.db;
    const home = await db.household.create({
      data: { externalRef: '东巷5号', gridId: areas.east2.id, address: '东巷5号' },
    });
    await db.person.create({
      data: {
        name: '李四',
        roles: ['RESIDENT'],
        householdId: home.id,
        phones: { create: { e164: '+8613900001111' } },
      },
    });
    expect(await matchCaller(db, '13900001111')).toEqual({
      callerNumber: '+8613900001111',
      householdId: home.id,
      gridId: areas.east2.id,
    });

    for (const ref of ['西巷1号', '西巷2号']) {
      await db.household.create({
        data: {
          externalRef: ref,
          gridId: areas.west1.id,
          address: ref,
          phones: { create: { e164: '+8613900002222' } },
        },
      });
    }
    expect(await matchCaller(db, '13900002222')).toEqual({
      callerNumber: '+8613900002222',
      householdId: null,
      gridId: null,
    });
  });

  it('finds a village by its whole code or by the digits only its code ends with', async () => {
    const db = database.db;
    const town = await db.area.findFirstOrThrow({ where: { level: 'TOWN' } });
    const a = await db.area.create({
      data: { level: 'VILLAGE', name: '南村', code: '330100101', parentId: town.id },
    });
    await db.area.create({ data: { level: 'VILLAGE', name: '北村', code: '330100202', parentId: town.id } });
    expect(await findVillageByCode(db, '330100101')).toBe(a.id);
    expect(await findVillageByCode(db, '101')).toBe(a.id);
    // Fewer than three digits are too short to tell villages apart.
    expect(await findVillageByCode(db, '02')).toBeNull();
    expect(await findVillageByCode(db, '999')).toBeNull();
  });

  it('rings the worker on duty, else a grid worker of the grid, else a town dispatcher', async () => {
    const db = database.db;
    const grid = areas.east1.id;
    expect(await dutyPhone(db, grid, NOW)).toBeNull();
    await db.person.create({
      data: { name: '调度员', roles: ['DISPATCHER'], phones: { create: { e164: '+8613900003000' } } },
    });
    expect(await dutyPhone(db, grid, NOW)).toBe('+8613900003000');
    expect(await dutyPhone(db, null, NOW)).toBe('+8613900003000');
    await db.person.create({
      data: {
        name: '网格员甲',
        roles: ['GRID_WORKER'],
        areaId: grid,
        phones: { create: { e164: '+8613900003001' } },
      },
    });
    expect(await dutyPhone(db, grid, NOW)).toBe('+8613900003001');
    const onDuty = await db.person.create({
      data: {
        name: '网格员乙',
        roles: ['GRID_WORKER'],
        areaId: grid,
        phones: { create: { e164: '+8613900003002' } },
      },
    });
    // Yesterday's duty is over; today's decides.
    await db.caseDuty.create({
      data: {
        gridId: grid,
        personId: onDuty.id,
        startsAt: new Date('2026-12-02T00:00:00Z'),
        endsAt: new Date('2026-12-02T12:00:00Z'),
      },
    });
    expect(await dutyPhone(db, grid, NOW)).toBe('+8613900003001');
    await db.caseDuty.create({
      data: {
        gridId: grid,
        personId: onDuty.id,
        startsAt: new Date('2026-12-03T00:00:00Z'),
        endsAt: new Date('2026-12-03T12:00:00Z'),
      },
    });
    expect(await dutyPhone(db, grid, NOW)).toBe('+8613900003002');
  });
});
