import { createCampaign } from '../../src/campaigns/create/create-campaign';
import type { QueueingOutcome } from '../../src/campaigns/create/queue-first-attempts';
import type { Db } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import {
  campaignCreationFixture,
  CREATION_TRUNK,
  RecordingTrunkQueues,
  type CampaignCreationFixture,
} from './support/campaign-creation';

/** Beyond PostgreSQL's 65,535 bind parameters, which one household each used to exceed. */
const HOUSEHOLDS = 70_000;

let testDb: TestDatabase;
let db: Db;
let areas: SeededAreas;
let fixture: CampaignCreationFixture;
let queues: RecordingTrunkQueues;

/** Households 1…n over the east village's two grids, household i with the number +8617 followed by i. */
async function seedHouseholds(count: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Household" ("id", "gridId", "externalRef", "address", "createdAt", "updatedAt")
    SELECT 'h' || i, CASE WHEN i % 2 = 0 THEN ${areas.east1.id} ELSE ${areas.east2.id} END, 'ref' || i,
           '东巷' || i || '号', now(), now()
      FROM generate_series(1, ${count}::int) AS i`;
  await db.$executeRaw`
    INSERT INTO "PhoneNumber" ("id", "e164", "priority", "householdId")
    SELECT 'p' || i, '+8617' || lpad(i::text, 9, '0'), 0, 'h' || i FROM generate_series(1, ${count}::int) AS i`;
}

const request = {
  name: '全镇通知',
  audience: { villages: ['qs-east'] },
  message: { text: '明天上午九点在村委会开会。' },
  trunk: CREATION_TRUNK.name,
  callerId: '057112345678',
};
const creator = { actor: 'test', scopeAreaId: null };

beforeAll(async () => {
  testDb = await createTestDatabase('city');
  db = testDb.db;
  areas = await seedAreas(db);
  await seedHouseholds(HOUSEHOLDS);
  fixture = await campaignCreationFixture(db);
  queues = new RecordingTrunkQueues(fixture.redis, 'unused', [CREATION_TRUNK]);
}, 60_000);

afterAll(async () => {
  await fixture?.close();
  await testDb?.drop();
});

describe(`a campaign to a city-sized audience (${HOUSEHOLDS.toLocaleString('en')} households)`, () => {
  it('plans a dry run without storing anything', async () => {
    const created = await createCampaign({ ...fixture.deps, queues }, request, creator, { dryRun: true });

    expect(created.campaign).toBeNull();
    expect(created.audience).toMatchObject({ selectedHouseholds: HOUSEHOLDS, targets: HOUSEHOLDS });
    expect(created.plan.predictedAttempts).toBeGreaterThanOrEqual(HOUSEHOLDS);
    expect(await db.campaign.count()).toBe(0);
  }, 60_000);

  it('stores every household as a target with its number and queues each first call once', async () => {
    let queueing: (outcome: QueueingOutcome) => void = () => undefined;
    const allQueued = new Promise<QueueingOutcome>((resolve) => (queueing = resolve));

    const created = await createCampaign({ ...fixture.deps, queues }, request, creator, {
      dryRun: false,
      onQueued: queueing,
    });

    const id = created.campaign?.id ?? '';
    expect(created.campaign?.status).toBe('RUNNING');
    expect(await db.campaignTarget.count({ where: { campaignId: id, state: 'PENDING' } })).toBe(HOUSEHOLDS);
    const sample = await db.campaignTarget.findFirst({ where: { campaignId: id, householdId: 'h65536' } });
    expect(sample).toMatchObject({ gridId: areas.east1.id, numbers: ['+8617000065536'], attemptCount: 0 });
    expect(await allQueued).toEqual({ failure: null });
    const targetIds = new Set(queues.queued.map((q) => q.job.targetId));
    expect(queues.queued).toHaveLength(HOUSEHOLDS);
    expect(targetIds.size).toBe(HOUSEHOLDS);
    expect(queues.queued.every((q) => q.job.campaignId === id && q.job.attemptNo === 1)).toBe(true);
  }, 60_000);
});
