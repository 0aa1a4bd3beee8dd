import { randomBytes } from 'node:crypto';
import type { Platform } from '../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../src/app/start-linli';
import { createCasesCapability } from '../../src/cases/cases-capability';
import type { CaseService } from '../../src/cases/case-service';
import { slaPolicyJson } from '../../src/cases/sla/case-sla-rules';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { dropRedisKeys } from '../support/drop-redis-keys';
import { startFakePlatform } from '../support/fake-platform';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { waitFor } from '../support/stack';

// A fresh database per file is migrated first; on a loaded machine that takes seconds.
jest.setTimeout(30_000);

const WORKER_PHONE = '+8613700000001';
const CADRE_PHONE = '+8613700000002';
const RESIDENT_PHONE = '+8613800000009';

/**
 * The escalation and satisfaction calls on the fake engine with the real PostgreSQL, Redis and BullMQ:
 * an urgent case's accept stage is 1.5 s here, so its 80% reminder rings the grid worker within the test.
 */
describe('case calls', () => {
  const fake = new FakeCallControl(['pstn']);
  const queuePrefix = `linli-cases-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let areas: SeededAreas;
  let platform: Platform;
  let linli: RunningLinli;
  let service: CaseService;
  let workerId: string;
  let cadreId: string;

  beforeAll(async () => {
    database = await createTestDatabase('cases_calls');
    areas = await seedAreas(database.db);
    const worker = await database.db.person.create({
      data: {
        name: '王网格',
        roles: ['GRID_WORKER'],
        areaId: areas.east1.id,
        source: 'api',
        phones: { create: { e164: WORKER_PHONE } },
      },
    });
    const cadre = await database.db.person.create({
      data: {
        name: '李书记',
        roles: ['CADRE'],
        areaId: areas.east.id,
        source: 'api',
        phones: { create: { e164: CADRE_PHONE } },
      },
    });
    workerId = worker.id;
    cadreId = cadre.id;
    await database.db.caseSlaPolicy.create({
      data: {
        category: 'complaint',
        urgent: true,
        policy: slaPolicyJson.write({
          clock: 'elapsed',
          acceptMinutes: 0.025,
          dispatchMinutes: 60,
          onSiteMinutes: 60,
          resolveMinutes: 600,
          resolveWorkingDays: null,
        }),
      },
    });
    fake.phone(WORKER_PHONE, 'press:1').phone(RESIDENT_PHONE, 'press:3');
    platform = await startFakePlatform({
      calls: fake,
      databaseUrl: database.url,
      queuePrefix,
      trunks: 'pstn@fake:30:10',
    });
    platform.env = { ...platform.env, CASE_SATISFACTION_DELAY_MS: 0, CASE_QUIET_HOURS: '00:00-00:00' };
    const cases = createCasesCapability();
    linli = await startLinli(platform, [cases], { api: false, workers: true });
    service = cases.runtime(platform).service;
  });

  afterAll(async () => {
    await linli.stop();
    await platform.close();
    await fake.close();
    await dropRedisKeys(queuePrefix);
    await database.drop();
  });

  const caseRow = (id: string) => database.db.governanceCase.findUniqueOrThrow({ where: { id } });
  const timeline = (id: string) =>
    database.db.caseEvent.findMany({ where: { caseId: id }, orderBy: { seq: 'asc' } });

  it('the near-breach call reaches the grid worker, whose key 1 accepts the case; the resident’s 3 reopens it', async () => {
    const { id } = await service.open({
      channel: 'phone',
      category: 'complaint',
      urgent: true,
      areaId: areas.east1.id,
      callerNumber: RESIDENT_PHONE,
      recording: { path: 'recordings/hotline-1.wav', seconds: 12 },
      transcript: { status: 'pending' },
    });
    await waitFor(
      async () => (await caseRow(id)).state === 'accepted',
      10_000,
      'the worker’s key to accept the case',
    );
    const reminder = fake.placed.find((r) => r.destination === WORKER_PHONE);
    expect(reminder?.prompt[0]).toMatchObject({
      kind: 'tts',
      text: expect.stringMatching(/案件编号.*受理请按1/),
    });
    const accepted = (await timeline(id)).find((e) => e.type === 'transition');
    expect(accepted).toMatchObject({ channel: 'phone-key', actor: `person:${workerId}` });

    for (const to of ['dispatched', 'on_site', 'resolved', 'closed'] as const) {
      await service.step(id, { type: 'transition', to, actor: 'system', channel: 'dashboard' });
    }
    const reopened = await waitFor(
      async () => {
        const row = await caseRow(id);
        return row.state === 'reopened' ? row : undefined;
      },
      10_000,
      'the resident’s verdict to reopen the case',
    );
    expect(reopened.assigneeId).toBe(cadreId);
    const steps = await timeline(id);
    expect(steps.find((e) => e.type === 'satisfaction')?.details).toMatchObject({ satisfaction: 'not' });
    // Every call and its end are on the timeline.
    await waitFor(
      async () =>
        (await timeline(id)).filter(
          (e) => e.type === 'call' && /ended|answered/.test(JSON.stringify(e.details)),
        ).length >= 2,
      5_000,
      'both calls’ ends on the timeline',
    );
  }, 30_000);
});
