import { resolveAudience } from '../../src/campaigns/create/resolve-audience';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { campaignCreationFixture, type CampaignCreationFixture } from './support/campaign-creation';

let testDb: TestDatabase;
let areas: SeededAreas;
let fixture: CampaignCreationFixture;

beforeAll(async () => {
  testDb = await createTestDatabase('resolve_audience');
  areas = await seedAreas(testDb.db);
  const household = (id: string, createdAt: string) =>
    testDb.db.household.create({
      data: {
        id,
        gridId: areas.east1.id,
        externalRef: id,
        address: `${id}号`,
        createdAt: new Date(createdAt),
      },
    });
  await household('h1', '2026-01-01T00:00:00Z');
  await household('h2', '2026-01-02T00:00:00Z');
  await household('h3', '2026-01-03T00:00:00Z');
  await household('h4', '2026-01-04T00:00:00Z');
  await household('h5', '2026-01-05T00:00:00Z');
  await testDb.db.phoneNumber.createMany({
    data: [
      { id: 'p1', householdId: 'h1', e164: '+8613800000001' },
      { id: 'p2', householdId: 'h2', e164: '+8613800000001' },
      { id: 'p3', householdId: 'h3', e164: '+8613800000003' },
      { id: 'p4', householdId: 'h4', e164: '+8613800000009' },
      { id: 'p5', householdId: 'h5', e164: '+8613800000005' },
    ],
  });
  fixture = await campaignCreationFixture(testDb.db);
});

afterAll(async () => {
  await fixture?.close();
  await testDb?.drop();
});

describe('a resolved audience', () => {
  it('pairs every target and every skipped household with its own household and label', async () => {
    const audience = await resolveAudience(
      fixture.deps,
      null,
      { villages: [], grids: [areas.east1.id], householdTags: [], listId: null },
      ['+8613800000009'],
    );
    expect(audience.targets).toEqual([
      { householdId: 'h1', gridId: areas.east1.id, label: 'h1 h1号', numbers: ['+8613800000001'] },
      { householdId: 'h3', gridId: areas.east1.id, label: 'h3 h3号', numbers: ['+8613800000003'] },
      { householdId: 'h5', gridId: areas.east1.id, label: 'h5 h5号', numbers: ['+8613800000005'] },
    ]);
    expect(audience.summary.skipped).toEqual([
      { householdId: 'h2', label: 'h2 h2号', reason: 'numbers_called_for_other_household' },
      { householdId: 'h4', label: 'h4 h4号', reason: 'do_not_call' },
    ]);
  });
});
