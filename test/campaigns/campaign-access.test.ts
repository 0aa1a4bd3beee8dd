import type { FastifyInstance } from 'fastify';
import { controlRoutes } from '../../src/campaigns/api/control-routes';
import { progressRoutes } from '../../src/campaigns/api/progress-routes';
import { resultRoutes } from '../../src/campaigns/api/result-routes';
import type { CampaignServices } from '../../src/campaigns/campaign-services';
import { TrunkBackoff } from '../../src/campaigns/dialer/trunk-backoff';
import { TrunkQueues } from '../../src/campaigns/dialer/trunk-queues';
import { createRedis, type Redis } from '../../src/queue/redis';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import type { Db } from '../../src/db/client';
import { ADMIN_TOKEN, bearer, buildTestServer, tokenHeaders } from '../api/support/api-fixture';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertCampaign } from './support/campaign-rows';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;
let areas: SeededAreas;
let redis: Redis;
const ids = { eastBoth: '', eastSecondGrid: '', west: '' };

/** A campaign over `areaId` with one household (labelled by its number) in each of `grids`. */
async function campaignOver(areaId: string, grids: { gridId: string; number: string }[]): Promise<string> {
  const { id, targetIds } = await insertCampaign(db, { targets: grids.map((g) => [g.number]) });
  await db.campaign.update({ where: { id }, data: { villageId: areaId } });
  for (const [i, g] of grids.entries()) {
    await db.campaignTarget.update({
      where: { id: targetIds[i] },
      data: { gridId: g.gridId, label: g.number },
    });
  }
  return id;
}

beforeAll(async () => {
  testDb = await createTestDatabase('campaign_access');
  db = testDb.db;
  areas = await seedAreas(db);
  ids.eastBoth = await campaignOver(areas.east.id, [
    { gridId: areas.east1.id, number: '+8613800000011' },
    { gridId: areas.east2.id, number: '+8613800000021' },
  ]);
  ids.eastSecondGrid = await campaignOver(areas.east.id, [
    { gridId: areas.east2.id, number: '+8613800000022' },
  ]);
  ids.west = await campaignOver(areas.west.id, [{ gridId: areas.west1.id, number: '+8613800000031' }]);
  // The read routes use the database; progress also asks the trunk's back-off (the real Redis) and the
  // channels in use (a fake engine: nothing is dialled here).
  redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const services = {
    platform: { database: { db }, calls: new FakeCallControl() },
    // No trunk configured: the campaigns' own trunk is the one progress names.
    queues: new TrunkQueues(redis, 'linli-test-campaign-access', []),
    backoff: new TrunkBackoff(redis, 'linli-test-campaign-access', {
      firstDelayMs: 1000,
      longestDelayMs: 1000,
    }),
  } as unknown as CampaignServices;
  app = await buildTestServer(db, {
    registerRoutes: [controlRoutes(services), resultRoutes(services), progressRoutes(services)],
  });
});

afterAll(async () => {
  redis?.disconnect();
  await app?.close();
  await testDb?.drop();
});

const get = (headers: Record<string, string>, url: string) => app.inject({ method: 'GET', url, headers });

async function listed(headers: Record<string, string>): Promise<string[]> {
  const res = await get(headers, '/api/v1/campaigns?limit=100');
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((c) => c.id);
}

async function opened(headers: Record<string, string>): Promise<string[]> {
  const all = Object.values(ids);
  const statuses = await Promise.all(
    all.map(async (id) => (await get(headers, `/api/v1/campaigns/${id}`)).statusCode),
  );
  return all.filter((_, i) => statuses[i] === 200);
}

describe('which campaigns a token sees: listing and reading by id agree', () => {
  it('a grid worker lists and opens the village campaigns that call their grid, and sees their grid only', async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.east1.id);
    expect(await listed(worker)).toEqual([ids.eastBoth]);
    expect(await opened(worker)).toEqual([ids.eastBoth]);

    const results = await get(worker, `/api/v1/campaigns/${ids.eastBoth}/results?limit=100`);
    expect(results.json<{ items: { label: string }[] }>().items.map((h) => h.label)).toEqual([
      '+8613800000011',
    ]);
    const csv = await get(worker, `/api/v1/campaigns/${ids.eastBoth}/export?format=csv`);
    expect(csv.body).toContain('+8613800000011');
    expect(csv.body).not.toContain('+8613800000021');
    const progress = await get(worker, `/api/v1/campaigns/${ids.eastBoth}/progress`);
    expect(progress.json<{ households: number }>().households).toBe(1);
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const whole = await get(cadre, `/api/v1/campaigns/${ids.eastBoth}/progress`);
    expect(whole.json<{ households: number }>().households).toBe(2);
  });

  it('a campaign calling none of the grid worker’s households is not there, by id either', async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.east1.id);
    for (const id of [ids.eastSecondGrid, ids.west]) {
      for (const path of ['', '/results', '/export?format=csv']) {
        const res = await get(worker, `/api/v1/campaigns/${id}${path}`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ error: 'not_found', message: `no campaign with id ${id}` });
      }
    }
  });

  it.each([
    ['a village cadre', 'CADRE', 'east', ['eastBoth', 'eastSecondGrid']],
    ['a town dispatcher', 'DISPATCHER', 'town', ['eastBoth', 'eastSecondGrid', 'west']],
    ['a grid worker of the other village', 'GRID_WORKER', 'west1', ['west']],
  ] as const)('%s lists exactly the campaigns it can open', async (_who, role, area, expected) => {
    const headers = await tokenHeaders(db, role, areas[area].id);
    const expectedIds = expected.map((k) => ids[k]).sort();
    expect((await listed(headers)).sort()).toEqual(expectedIds);
    expect((await opened(headers)).sort()).toEqual(expectedIds);
  });

  it('the admin lists and opens all', async () => {
    expect((await listed(bearer(ADMIN_TOKEN))).sort()).toEqual(Object.values(ids).sort());
  });
});
