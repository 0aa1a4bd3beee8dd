import { randomBytes } from 'node:crypto';
import type { Platform } from '../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../src/app/start-linli';
import { runDeadlineAction } from '../../src/cases/calls/deadline-action';
import { createCasesCapability } from '../../src/cases/cases-capability';
import type { CaseRuntime } from '../../src/cases/case-runtime';
import { caseEventDetailsJson } from '../../src/cases/case-event-json';
import { slaPolicyJson } from '../../src/cases/sla/case-sla-rules';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { dropRedisKeys } from '../support/drop-redis-keys';
import { startFakePlatform } from '../support/fake-platform';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { waitFor } from '../support/stack';

jest.setTimeout(30_000);

const ACCEPT_MS = 1500;

/**
 * A case whose grid has a worker without a phone, in a village whose cadre has none either, never
 * transferred: each deadline step finds nobody to ring and says so on the timeline, without moving
 * the case or its deadline.
 */
describe('deadline steps with nobody to call', () => {
  const fake = new FakeCallControl(['pstn']);
  const queuePrefix = `linli-case-nobody-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let areas: SeededAreas;
  let platform: Platform;
  let linli: RunningLinli;
  let runtime: CaseRuntime;

  beforeAll(async () => {
    database = await createTestDatabase('cases_nobody');
    areas = await seedAreas(database.db);
    await database.db.person.create({
      data: { name: '孙网格', roles: ['GRID_WORKER'], areaId: areas.east2.id, source: 'api' },
    });
    await database.db.person.create({
      data: { name: '周书记', roles: ['CADRE'], areaId: areas.east.id, source: 'api' },
    });
    await database.db.caseSlaPolicy.create({
      data: {
        category: 'business',
        urgent: true,
        policy: slaPolicyJson.write({
          clock: 'elapsed',
          acceptMinutes: ACCEPT_MS / 60_000,
          dispatchMinutes: 60,
          onSiteMinutes: 60,
          resolveMinutes: 600,
          resolveWorkingDays: null,
        }),
      },
    });
    platform = await startFakePlatform({
      calls: fake,
      databaseUrl: database.url,
      queuePrefix,
      trunks: 'pstn@fake:30:10',
    });
    // Both breach steps at the breach itself, so the whole ladder runs within the test.
    platform.env = { ...platform.env, CASE_ESCALATION_LADDER: 'supervisor:0,department:0' };
    const cases = createCasesCapability();
    runtime = cases.runtime(platform);
    linli = await startLinli(platform, [cases], { api: false, workers: true });
  });

  afterAll(async () => {
    await linli.stop();
    await platform.close();
    await fake.close();
    await dropRedisKeys(queuePrefix);
    await database.drop();
  });

  const unreachable = async (caseId: string) =>
    (
      await database.db.caseEvent.findMany({
        where: { caseId, type: 'nobody_to_call' },
        orderBy: { seq: 'asc' },
      })
    ).map((e) => ({
      note: e.note,
      actor: e.actor,
      unreachable: caseEventDetailsJson.read(e.id, e.details).unreachable,
    }));

  it('puts the reminder and each breach step on the timeline with the reason, once', async () => {
    const opened = await runtime.service.open({
      channel: 'api',
      category: 'business',
      urgent: true,
      areaId: areas.east2.id,
    });
    const entries = await waitFor(
      async () => {
        const found = await unreachable(opened.id);
        return found.length >= 3 ? found : undefined;
      },
      15_000,
      'the reminder and both breach steps on the timeline',
    );
    expect(entries.map((e) => e.unreachable)).toEqual(
      expect.arrayContaining([
        {
          purpose: 'escalation-warn',
          stage: 'accept',
          role: 'assignee',
          reason: 'grid-worker-without-phone',
        },
        {
          purpose: 'escalation-breach-0',
          stage: 'accept',
          role: 'supervisor',
          reason: 'supervisor-without-phone',
        },
        {
          purpose: 'escalation-breach-1',
          stage: 'accept',
          role: 'department',
          reason: 'not-transferred',
        },
      ]),
    );
    expect(entries.map((e) => e.note)).toContain(
      'accept stage: 80% reminder to the assignee was due, nobody could be called: ' +
        'the case has no assignee and no grid worker on duty has a phone number',
    );
    expect(entries.every((e) => e.actor === 'system')).toBe(true);
    expect(fake.placed).toHaveLength(0);

    // The same job run again (a stalled worker's) notes nothing new.
    const again = await runDeadlineAction(runtime.calls, {
      type: 'deadline',
      caseId: opened.id,
      round: 1,
      stage: 'accept',
      kind: 'warn',
      level: 0,
    });
    expect(again).toBe('already');
    expect(await unreachable(opened.id)).toHaveLength(3);

    // The entries move neither the case nor its deadline, which the log still derives.
    const row = await database.db.governanceCase.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row.state).toBe('received');
    expect(row.nextDeadlineAt?.getTime()).toBe(row.openedAt.getTime() + ACCEPT_MS);
  });
});
