import { randomBytes } from 'node:crypto';
import type { Platform } from '../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../src/app/start-linli';
import { createCasesCapability } from '../../src/cases/cases-capability';
import type { CaseService } from '../../src/cases/case-service';
import { caseEventDetailsJson } from '../../src/cases/case-event-json';
import { slaPolicyJson } from '../../src/cases/sla/case-sla-rules';
import { TrunkCongested } from '../../src/telephony/errors/trunk-congested';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { dropRedisKeys } from '../support/drop-redis-keys';
import { startFakePlatform } from '../support/fake-platform';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { waitFor } from '../support/stack';

jest.setTimeout(30_000);

const WORKER_PHONE = '+8613700000011';

/**
 * The duty grid worker does not answer the near-breach reminder: it rings again, spaced, up to
 * CASE_CALL_ATTEMPTS, each attempt on the timeline; the engine refusing a dial counts as no attempt.
 */
describe('case call retries', () => {
  const fake = new FakeCallControl(['pstn']);
  const queuePrefix = `linli-case-retries-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let areas: SeededAreas;
  let platform: Platform;
  let linli: RunningLinli;
  let service: CaseService;

  beforeAll(async () => {
    database = await createTestDatabase('cases_retries');
    areas = await seedAreas(database.db);
    await database.db.person.create({
      data: {
        name: '赵网格',
        roles: ['GRID_WORKER'],
        areaId: areas.east2.id,
        source: 'api',
        phones: { create: { e164: WORKER_PHONE } },
      },
    });
    // Accept within 1.5 s, so the reminder rings within the test; nobody to call at the breach (no
    // cadre or dispatcher has a phone), so only the reminder and its retries ring.
    await database.db.caseSlaPolicy.create({
      data: {
        category: 'suggestion',
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
    fake.phone(WORKER_PHONE, 'no-answer');
    platform = await startFakePlatform({
      calls: fake,
      databaseUrl: database.url,
      queuePrefix,
      trunks: 'pstn@fake:30:10',
    });
    platform.env = { ...platform.env, CASE_CALL_ATTEMPTS: 2, CASE_CALL_RETRY_MS: 300 };
    const cases = createCasesCapability();
    const runtime = cases.runtime(platform);
    const retry = runtime.calls.retry;
    // The engine's back-off is 30 s in production; the test's engine recovers at once.
    if (retry) runtime.calls.retry = { ...retry, policy: { ...retry.policy, infrastructureSpacingMs: 200 } };
    linli = await startLinli(platform, [cases], { api: false, workers: true });
    service = runtime.service;
  });

  afterAll(async () => {
    await linli.stop();
    await platform.close();
    await fake.close();
    await dropRedisKeys(queuePrefix);
    await database.drop();
  });

  it('rings the worker again after no answer, up to the attempts, and does not count a refused dial', async () => {
    fake.refuseNext(new TrunkCongested('pstn', 'no channel free'));
    const { id } = await service.open({
      channel: 'api',
      category: 'suggestion',
      urgent: true,
      areaId: areas.east2.id,
    });
    const calls = async () =>
      (
        await database.db.caseEvent.findMany({ where: { caseId: id, type: 'call' }, orderBy: { seq: 'asc' } })
      ).map((e) => ({ note: e.note, call: caseEventDetailsJson.read(e.id, e.details).call }));
    const steps = await waitFor(
      async () => {
        const found = await calls();
        return found.some((c) => /no more tries/.test(c.note)) ? found : undefined;
      },
      15_000,
      'the last unanswered attempt',
    );
    const summary = steps.map((s) => `${s.call?.outcome} #${s.call?.attempt}: ${s.note}`);
    expect(summary).toHaveLength(5);
    expect(summary).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^not dialled: .*congested.* #1: .*not counted.*calling again/),
        'dialling #1: ',
        expect.stringMatching(/^no-answer #1: .*attempt 1 of 2: calling again/),
        'dialling #2: ',
        expect.stringMatching(/^no-answer #2: .*attempt 2 of 2: no more tries/),
      ]),
    );
    expect(fake.placed.filter((r) => r.destination === WORKER_PHONE)).toHaveLength(2);
  });
});
