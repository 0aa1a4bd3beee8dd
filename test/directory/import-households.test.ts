import iconv from 'iconv-lite';
import type { Db } from '../../src/db/client';
import { importHouseholds, type ImportOptions } from '../../src/directory/import/import-households';
import type { ImportProgress } from '../../src/directory/import/types';
import { seedAreas, type SeededAreas } from './support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';

const HEADER = 'village,grid,household_ref,address,latitude,longitude,phones,members,tags';

const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const utf8 = (text: string) => Buffer.from(text, 'utf8');

let testDb: TestDatabase;
let db: Db;
let areas: SeededAreas;

const everything: ImportOptions = { mode: 'all-or-nothing', encoding: 'auto', scopeAreaId: null };

async function householdsIn(gridId: string) {
  return db.household.findMany({
    where: { gridId },
    include: { phones: { orderBy: { priority: 'asc' } }, members: { orderBy: { name: 'asc' } } },
    orderBy: { externalRef: 'asc' },
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase('import');
  db = testDb.db;
  areas = await seedAreas(db);
});

afterAll(async () => {
  await testDb?.drop();
});

beforeEach(async () => {
  await db.person.deleteMany();
  await db.household.deleteMany();
});

describe('importHouseholds', () => {
  const twoHouseholds = csv(
    '东村,一组,东12,东巷12号,30.27,120.15,"13800138000;0571-8888 8888",张三:老人;李四:居民,独居;低保',
    'qs-east,qs-east-2,东15,东巷15号,,,"+86 139 0013 9000, 13700137000；13700137000",王五:elder,',
  );

  it('imports a UTF-8 file: E.164 phones in order, members with roles, tags, coordinates', async () => {
    const report = await importHouseholds(db, utf8(twoHouseholds), everything);

    expect(report).toEqual({
      mode: 'all-or-nothing',
      encoding: 'utf8',
      rows: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      imported: true,
      errors: [],
      warnings: [],
    });
    const [east12] = await householdsIn(areas.east1.id);
    expect(east12).toMatchObject({
      externalRef: '东12',
      address: '东巷12号',
      latitude: 30.27,
      longitude: 120.15,
    });
    expect(east12?.tags).toEqual(['独居', '低保']);
    expect(east12?.phones.map((p) => p.e164)).toEqual(['+8613800138000', '+8657188888888']);
    expect(east12?.members.map((m) => [m.name, m.roles])).toEqual([
      ['张三', ['ELDER']],
      ['李四', ['RESIDENT']],
    ]);
    const [east15] = await householdsIn(areas.east2.id);
    expect(east15).toMatchObject({ externalRef: '东15', latitude: null, longitude: null, tags: [] });
    // Comma inside quotes and the full-width semicolon both separate; the repeated number is kept once.
    expect(east15?.phones.map((p) => p.e164)).toEqual(['+8613900139000', '+8613700137000']);
  });

  it('reads a UTF-8 file with a byte order mark (Excel "CSV UTF-8")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(twoHouseholds)]);
    const report = await importHouseholds(db, bytes, everything);
    expect(report).toMatchObject({ encoding: 'utf8', created: 2, errors: [] });
  });

  it('reads a GBK file from Chinese Excel, keeping the Chinese names intact', async () => {
    const report = await importHouseholds(
      db,
      iconv.encode(twoHouseholds.replace(/\n/g, '\r\n'), 'gbk'),
      everything,
    );
    expect(report).toMatchObject({ encoding: 'gbk', created: 2, errors: [] });
    const [east12] = await householdsIn(areas.east1.id);
    expect(east12?.address).toBe('东巷12号');
    expect(east12?.members.map((m) => m.name)).toEqual(['张三', '李四']);
  });

  it('does not guess when told the encoding: a GBK file read as UTF-8 is refused, nothing written', async () => {
    const report = await importHouseholds(db, iconv.encode(twoHouseholds, 'gbk'), {
      ...everything,
      encoding: 'utf8',
    });
    expect(report.imported).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, field: '(file)', reason: expect.stringMatching(/not valid UTF-8/) }),
    ]);
    expect(await db.household.count()).toBe(0);
  });

  describe('a file with bad rows', () => {
    const file = csv(
      '东村,一组,东1,东巷1号,,,13800138001,,', // line 2: valid
      '东村,一组,东2,东巷2号,,,12345,,', // line 3: bad phone
      '东村,九组,东3,东巷3号,,,13800138003,,', // line 4: unknown grid
      '东村,一组,东4,,,,13800138004,,', // line 5: missing address
      '东村,二组,东5,"东巷5号\n后院",,,13800138005,,', // lines 6-7: valid, address spans two lines
      '东村,一组,东1,东巷1号,,,13800138001,,', // line 8: duplicate of line 2
    );

    const expectedErrors = [
      {
        row: 3,
        field: 'phones',
        value: '12345',
        reason: expect.stringContaining('not a valid Chinese number'),
      },
      { row: 4, field: 'grid', value: '九组', reason: expect.stringContaining('no such grid') },
      { row: 5, field: 'address', value: '', reason: 'required' },
      { row: 8, field: 'household_ref', value: '东1', reason: expect.stringContaining('row 2') },
    ];

    it('all-or-nothing: reports every bad row by line and writes nothing', async () => {
      const report = await importHouseholds(db, utf8(file), everything);
      expect(report).toMatchObject({ rows: 6, created: 0, rejected: 4, imported: false });
      expect(report.errors).toEqual(expectedErrors);
      expect(await db.household.count()).toBe(0);
    });

    it('valid-only: writes the valid rows and reports the others', async () => {
      const report = await importHouseholds(db, utf8(file), { ...everything, mode: 'valid-only' });
      expect(report).toMatchObject({ rows: 6, created: 2, rejected: 4, imported: true });
      expect(report.errors).toEqual(expectedErrors);
      const refs = (await db.household.findMany({ orderBy: { externalRef: 'asc' } })).map(
        (h) => h.externalRef,
      );
      expect(refs).toEqual(['东1', '东5']);
    });
  });

  it('reports bad coordinates, roles and a missing column with reasons', async () => {
    const file = csv('东村,一组,东1,东巷1号,120.1,30.2,13800138001,张三:村长,');
    const report = await importHouseholds(db, utf8(file), everything);
    expect(report.errors).toEqual([
      { row: 2, field: 'latitude', value: '120.1', reason: expect.stringContaining('swapped') },
      { row: 2, field: 'members', value: '张三:村长', reason: expect.stringContaining('unknown role') },
    ]);

    const noPhones = await importHouseholds(
      db,
      utf8('village,grid,household_ref,address\n东村,一组,东1,x\n'),
      everything,
    );
    expect(noPhones).toMatchObject({ imported: false, rejected: 1 });
    expect(noPhones.errors).toEqual([
      { row: 1, field: '(header)', value: 'phones', reason: expect.stringContaining('missing column') },
    ]);
  });

  it('is idempotent: importing the same file again changes nothing and keeps ids', async () => {
    await importHouseholds(db, utf8(twoHouseholds), everything);
    const before = await householdsIn(areas.east1.id);

    const again = await importHouseholds(db, utf8(twoHouseholds), everything);

    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, imported: true });
    expect(await db.household.count()).toBe(2);
    expect(await householdsIn(areas.east1.id)).toEqual(before);
  });

  it('re-import replaces phones and members, keeping the people who stay', async () => {
    await importHouseholds(db, utf8(twoHouseholds), everything);
    const [before] = await householdsIn(areas.east1.id);
    const zhang = before?.members.find((m) => m.name === '张三');

    const changed = csv('东村,一组,东12,东巷12号,30.27,120.15,13900139000,张三:老人;赵六:家属,独居');
    const report = await importHouseholds(db, utf8(changed), everything);

    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const [after] = await householdsIn(areas.east1.id);
    expect(after?.id).toBe(before?.id);
    expect(after?.phones.map((p) => p.e164)).toEqual(['+8613900139000']);
    expect(after?.members.map((m) => [m.name, m.roles])).toEqual([
      ['张三', ['ELDER']],
      ['赵六', ['FAMILY_CONTACT']],
    ]);
    expect(after?.members.find((m) => m.name === '张三')?.id).toBe(zhang?.id);
    expect(after?.tags).toEqual(['独居']);
    expect(await db.phoneNumber.count({ where: { householdId: before?.id } })).toBe(1);
  });

  it('leaves people registered through the people API in the household alone on re-import', async () => {
    await importHouseholds(db, utf8(twoHouseholds), everything);
    const [household] = await householdsIn(areas.east1.id);
    await db.person.create({
      data: { name: '张小明', roles: ['FAMILY_CONTACT'], householdId: household?.id, source: 'api' },
    });

    const again = await importHouseholds(db, utf8(twoHouseholds), everything);

    expect(again).toMatchObject({ updated: 0, unchanged: 2 });
    const [after] = await householdsIn(areas.east1.id);
    expect(after?.members.map((m) => m.name)).toEqual(expect.arrayContaining(['张三', '李四', '张小明']));
  });

  it("sees only the importer's scope: another village reads as unknown", async () => {
    const file = csv('西村,一组,西1,西巷1号,,,13800138001,,', '东村,二组,东2,东巷2号,,,13800138002,,');

    const asEastCadre = await importHouseholds(db, utf8(file), { ...everything, scopeAreaId: areas.east.id });
    expect(asEastCadre.errors).toEqual([
      { row: 2, field: 'village', value: '西村', reason: 'no such village in your area' },
    ]);

    const asGridWorker = await importHouseholds(db, utf8(file), {
      ...everything,
      scopeAreaId: areas.east1.id,
    });
    expect(asGridWorker.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'village'],
      [3, 'grid'],
    ]);
    expect(await db.household.count()).toBe(0);
  });

  it('imports rows that share a phone number, with a warning on each later row naming the first', async () => {
    const file = csv(
      '东村,一组,东1,东巷1号,,,13800138001,,',
      '东村,一组,东2,东巷2号,,,"13800138002;138 0013 8001",,',
      '东村,二组,东3,东巷3号,,,+86 138 0013 8001,,',
    );
    const report = await importHouseholds(db, utf8(file), everything);

    expect(report).toMatchObject({ created: 3, rejected: 0, imported: true, errors: [] });
    expect(report.warnings).toEqual([
      { row: 3, field: 'phones', value: '+8613800138001', reason: expect.stringContaining('row 2') },
      { row: 4, field: 'phones', value: '+8613800138001', reason: expect.stringContaining('row 2') },
    ]);
    expect(await db.phoneNumber.count({ where: { e164: '+8613800138001' } })).toBe(3);
  });

  it('reports its progress: rows checked and households written (a slice is written while the next is checked), each rising to its total', async () => {
    await importHouseholds(db, utf8(csv('东村,一组,东1,东巷1号,,,13800138001,,')), everything);
    const rows = Array.from({ length: 12_000 }, (_, i) => {
      const phone = `138${String(i).padStart(8, '0')}`;
      return `东村,${i % 2 === 0 ? '一组' : '二组'},东${i + 1},东巷${i + 1}号,,,${phone},户主${i}:居民,`;
    });
    const seen: ImportProgress[] = [];

    const report = await importHouseholds(db, utf8(csv(...rows)), {
      ...everything,
      onProgress: (progress) => seen.push(progress),
    });

    expect(report).toMatchObject({ created: 11_999, updated: 1, imported: true });
    const checking = seen.filter((p) => p.stage === 'checking');
    const writing = seen.filter((p) => p.stage === 'writing');
    // The first slice is checked before anything is written.
    expect(seen[0]?.stage).toBe('checking');
    for (const stage of [checking, writing]) {
      expect(stage.length).toBeGreaterThanOrEqual(2);
      expect(stage.map((p) => p.done)).toEqual([...stage.map((p) => p.done)].sort((a, b) => a - b));
      expect(stage.every((p) => p.total === 12_000)).toBe(true);
      expect(stage.at(-1)?.done).toBe(12_000);
    }
    expect(await db.household.count()).toBe(12_000);
    expect(await db.person.count({ where: { name: '户主11999' } })).toBe(1);
  }, 60_000);

  it('writes a file into empty grids over several slices, and finds every household of it again on a re-import', async () => {
    const rows = Array.from(
      { length: 2_500 },
      (_, i) =>
        `东村,${i % 2 === 0 ? '一组' : '二组'},东${i + 1},东巷${i + 1}号,,,138${String(i).padStart(8, '0')},,`,
    );
    const file = utf8(csv(...rows));
    expect(await importHouseholds(db, file, everything)).toMatchObject({ created: 2_500, imported: true });
    const changed = utf8(
      csv(...rows.slice(0, -1), rows.at(-1)?.replace('东巷2500号', '东巷2500号之一') ?? ''),
    );
    expect(await importHouseholds(db, changed, everything)).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 2_499,
    });
    expect(await db.household.count()).toBe(2_500);
  }, 60_000);

  it('tells apart same-named grids by village', async () => {
    const file = csv('西村,一组,同号,西巷1号,,,13800138001,,', '东村,一组,同号,东巷1号,,,13800138002,,');
    const report = await importHouseholds(db, utf8(file), everything);
    expect(report).toMatchObject({ created: 2, errors: [] });
    expect((await householdsIn(areas.west1.id)).map((h) => h.address)).toEqual(['西巷1号']);
  });
});
