import type { Db } from '../../src/db/client';
import { InvalidInputError } from '../../src/directory/errors';
import { getPerson } from '../../src/directory/people';
import { createPerson, updatePerson, WHOLE_TREE } from '../../src/directory/people-write';
import { seedAreas, type SeededAreas } from './support/area-fixture';
import { runLinli } from './support/run-linli';
import { createTestDatabase, type TestDatabase } from '../support/database';

let testDb: TestDatabase;
let db: Db;
let areas: SeededAreas;

beforeAll(async () => {
  testDb = await createTestDatabase('people');
  db = testDb.db;
  areas = await seedAreas(db);
});

afterAll(async () => {
  await testDb?.drop();
});

/** The field problems a directory call rejects its input with. */
async function problemsOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InvalidInputError))
    throw new Error(`expected InvalidInputError, got ${String(error)}`);
  return error.fields;
}

const linli = (...args: string[]) => runLinli(testDb.url, ...args);

describe('people in the directory', () => {
  it('refuses one person serving as both grid worker and cadre, for they have one area', async () => {
    const problems = await problemsOf(
      createPerson(
        db,
        { name: '兼职', roles: ['GRID_WORKER', 'CADRE'], areaId: areas.east1.id, phones: ['13800138000'] },
        WHOLE_TREE,
      ),
    );
    expect(problems).toEqual([
      {
        field: 'roles',
        reason: 'GRID_WORKER and CADRE each serve an area of their own, and a person has one area',
      },
      { field: 'areaId', reason: 'a CADRE serves a VILLAGE or TOWN, but 一组 is a GRID' },
    ]);
    expect(await db.person.count()).toBe(0);
  });

  it("stores a household member's own phones as theirs, not as the household's", async () => {
    const household = await db.household.create({
      data: {
        gridId: areas.east1.id,
        externalRef: '东巷1号',
        address: '东巷1号',
        phones: { create: [{ e164: '+8613800138000', priority: 0 }] },
      },
    });
    const person = await createPerson(
      db,
      { name: '张敏', roles: ['FAMILY_CONTACT'], householdId: household.id, phones: ['13900139000'] },
      WHOLE_TREE,
    );
    const stored = await db.phoneNumber.findMany({ where: { personId: person.id } });
    expect(stored).toEqual([
      expect.objectContaining({ e164: '+8613900139000', priority: 0, householdId: null }),
    ]);
  });

  it('an edit that fails leaves the person as they were', async () => {
    const worker = await createPerson(
      db,
      { name: '刘洋', roles: ['GRID_WORKER'], areaId: areas.west1.id, phones: ['13700137000'] },
      WHOLE_TREE,
    );
    const problems = await problemsOf(updatePerson(db, worker.id, { name: '', areaId: null }, WHOLE_TREE));
    expect(problems).toEqual([
      { field: 'name', reason: 'must not be blank' },
      { field: 'areaId', reason: 'a GRID_WORKER needs the GRID they serve' },
    ]);
    expect(await getPerson(db, worker.id)).toEqual(worker);
  });
});

describe('linli person create', () => {
  it('registers a grid worker in a grid named by code, with numbers in the given order, and prints the id', async () => {
    const res = await linli(
      'person',
      'create',
      '--name',
      '王芳',
      '--role',
      'grid_worker',
      '--area',
      'qs-east-2',
      '--phone',
      '13800138000',
      '--phone',
      '0571-88888888',
    );
    expect(res.code).toBe(0);
    const id = res.stdout.trim();
    expect(await getPerson(db, id)).toMatchObject({
      name: '王芳',
      roles: ['GRID_WORKER'],
      area: { id: areas.east2.id },
      phones: ['+8613800138000', '+8657188888888'],
    });
    const entry = await db.auditLog.findFirstOrThrow({ where: { subject: `person:${id}` } });
    expect(entry).toMatchObject({ action: 'person.create', actor: expect.stringMatching(/^cli:/) });
  }, 60_000);

  it('prints every problem and writes nothing; wrong usage exits 64', async () => {
    const before = await db.person.count();
    const bad = await linli(
      'person',
      'create',
      '--name',
      '李雷',
      '--role',
      'grid-worker',
      '--area',
      'qs-east',
      '--phone',
      '12345',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/areaId: a GRID_WORKER serves a GRID, but 东村 is a VILLAGE/);
    expect(bad.stderr).toMatch(/phones\[0\]: not a valid Chinese number/);
    expect(await db.person.count()).toBe(before);

    const usage = await linli(
      'person',
      'create',
      '--name',
      '李雷',
      '--role',
      'mayor',
      '--phone',
      '13800138000',
    );
    expect(usage.code).toBe(64);
    expect(usage.stderr).toMatch(/--role must be one of resident, elder/);
    expect(usage.stderr).toMatch(/usage: linli person create --name/);
  }, 60_000);
});
