import { doNotCallNumbers, loadAudienceHouseholds } from '../../src/campaigns/create/audience-households';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';

let testDb: TestDatabase;
let areas: SeededAreas;

beforeAll(async () => {
  testDb = await createTestDatabase('audience');
  areas = await seedAreas(testDb.db);
  const household = (id: string, gridId: string, createdAt: string, tags: string[] = []) =>
    testDb.db.household.create({
      data: { id, gridId, externalRef: id, address: `${id}号`, tags, createdAt: new Date(createdAt) },
    });
  // Ids sort the other way round from registration, so only the registration order can put them right.
  await household('z-first', areas.east1.id, '2026-01-01T00:00:00Z', ['独居']);
  await household('a-second', areas.east2.id, '2026-02-01T00:00:00Z');
  await household('m-west', areas.west1.id, '2026-01-15T00:00:00Z', ['独居']);
  await testDb.db.phoneNumber.createMany({
    data: [
      { id: 'p3', householdId: 'a-second', e164: '+8613800000003', priority: 1 },
      { id: 'p2', householdId: 'a-second', e164: '+8613800000002', priority: 0 },
      { id: 'p1', householdId: 'z-first', e164: '+8613800000001', priority: 0 },
      { id: 'p4', householdId: 'm-west', e164: '+8613800000004', priority: 0 },
    ],
  });
});

afterAll(async () => {
  await testDb?.drop();
});

describe('the households of a campaign audience', () => {
  it('come in registration order, each with its numbers in calling order, from the grids asked for', async () => {
    const rows = await loadAudienceHouseholds(testDb.db, [areas.east1.id, areas.east2.id], []);
    expect(rows).toEqual([
      {
        id: 'z-first',
        gridId: areas.east1.id,
        externalRef: 'z-first',
        address: 'z-first号',
        phones: ['+8613800000001'],
      },
      {
        id: 'a-second',
        gridId: areas.east2.id,
        externalRef: 'a-second',
        address: 'a-second号',
        phones: ['+8613800000002', '+8613800000003'],
      },
    ]);
  });

  it('are only those with one of the tags, when tags are given', async () => {
    const rows = await loadAudienceHouseholds(
      testDb.db,
      [areas.east1.id, areas.east2.id, areas.west1.id],
      ['独居'],
    );
    expect(rows.map((r) => [r.id, r.phones])).toEqual([
      ['z-first', ['+8613800000001']],
      ['m-west', ['+8613800000004']],
    ]);
  });
});

describe('the do-not-call numbers a campaign can meet', () => {
  it("are those of the directory's households and of the uploaded list, not every number on the list", async () => {
    await testDb.db.doNotCall.createMany({
      data: ['+8613800000002', '+8613900000009', '+8613700000007'].map((e164) => ({
        e164,
        reason: 'asked',
        createdBy: 'test',
      })),
    });
    try {
      expect((await doNotCallNumbers(testDb.db, ['+8613900000009', '+8613600000006'])).sort()).toEqual([
        '+8613800000002',
        '+8613900000009',
      ]);
    } finally {
      await testDb.db.doNotCall.deleteMany();
    }
  });
});
