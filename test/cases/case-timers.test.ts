import { randomBytes } from 'node:crypto';
import { openCase } from '../../src/cases/open-case';
import { caseSlaRules } from '../../src/cases/sla/case-sla-rules';
import { recordStep } from '../../src/cases/store/record-step';
import type { CaseJob } from '../../src/cases/timers/case-jobs';
import { scheduleCaseTimers, type CaseTimerDeps } from '../../src/cases/timers/schedule-case-timers';
import { sweepUnscheduledCases } from '../../src/cases/timers/sweep-unscheduled';
import { createLogger } from '../../src/logging';
import { createQueue, QueueName } from '../../src/queue/queues';
import { createRedis } from '../../src/queue/redis';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { dropRedisKeys } from '../support/drop-redis-keys';

// A fresh database per file is migrated first; on a loaded machine that takes seconds.
jest.setTimeout(30_000);

const T0 = Date.parse('2026-12-03T10:00:00+08:00');

describe('deadline timers', () => {
  let database: TestDatabase;
  const prefix = `linli-case-timers-${randomBytes(4).toString('hex')}`;
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'queue');
  const queue = createQueue<CaseJob>(QueueName.cases, redis, prefix);
  let deps: CaseTimerDeps;
  let clock = T0;

  beforeAll(async () => {
    database = await createTestDatabase('cases_timers');
    deps = {
      db: database.db,
      rules: caseSlaRules({ hours: { startMinute: 510, endMinute: 1050 }, logger: createLogger('silent') }),
      queue,
      ladder: [
        { role: 'supervisor', afterMs: 0 },
        { role: 'department', afterMs: 30 * 60_000 },
      ],
      quiet: { startMinute: 21 * 60, endMinute: 8 * 60 },
      satisfactionDelayMs: 10 * 60_000,
      now: () => clock,
    };
  });
  afterAll(async () => {
    await queue.close();
    await dropRedisKeys(prefix);
    redis.disconnect();
    await database.drop();
  });

  const delayed = async () =>
    // BullMQ stamps jobs with the real time; the delay is what was asked for from the test's clock.
    (await queue.getDelayed()).map((j) => ({ id: j.id, at: j.opts.delay ?? 0 }));

  it('an urgent case gets its 80% reminder and breach ladder; scheduling again adds nothing', async () => {
    const { id } = await openCase(
      { db: database.db, now: () => clock, rules: deps.rules },
      { channel: 'api', category: 'urgent', urgent: true },
    );
    await scheduleCaseTimers(deps, id);
    await scheduleCaseTimers(deps, id);
    const jobs = (await delayed()).filter((j) => j.id?.startsWith(id));
    // accept (1 min) and resolve (24 h): a reminder at 80% and two breach steps each.
    expect(jobs).toHaveLength(6);
    expect(jobs.find((j) => j.id?.includes('-accept-warn-'))?.at).toBe(48_000);
    expect(jobs.find((j) => j.id?.includes('-accept-breach1-'))?.at).toBe(60_000 + 30 * 60_000);
  });

  it('after acceptance the dispatch stage gets its own timers, and a closed case its satisfaction call after quiet hours', async () => {
    const { id } = await openCase(
      { db: database.db, now: () => clock, rules: deps.rules },
      { channel: 'phone', category: 'complaint', urgent: true, callerNumber: '+8613800000001' },
    );
    const step = (to: 'accepted' | 'dispatched' | 'on_site' | 'resolved' | 'closed') =>
      recordStep({ db: database.db, rules: deps.rules, now: () => clock }, id, {
        type: 'transition',
        to,
        actor: 'system',
        channel: 'api',
      });
    clock = T0 + 30_000;
    await step('accepted');
    await scheduleCaseTimers(deps, id);
    expect((await delayed()).some((j) => j.id?.startsWith(`${id}-1-dispatch-warn-`))).toBe(true);
    for (const to of ['dispatched', 'on_site', 'resolved'] as const) await step(to);
    clock = Date.parse('2026-12-03T20:55:00+08:00');
    await step('closed');
    await scheduleCaseTimers(deps, id);
    const satisfaction = (await delayed()).find((j) => j.id === `${id}-1-satisfaction`);
    // Closed at 20:55, due at 21:05, inside the quiet hours: called at 08:00 the next morning.
    expect(satisfaction?.at).toBe(Date.parse('2026-12-04T08:00:00+08:00') - clock);
    clock = T0;
  });

  it('the sweep gives a case opened without timers its first deadline and its jobs', async () => {
    clock = T0;
    const { id } = await openCase(
      { db: database.db, now: () => clock },
      { channel: 'sos-unknown', category: 'urgent', urgent: true },
    );
    expect((await database.db.governanceCase.findUniqueOrThrow({ where: { id } })).nextDeadlineAt).toBeNull();
    expect(await sweepUnscheduledCases(deps)).toBe(1);
    const row = await database.db.governanceCase.findUniqueOrThrow({ where: { id } });
    expect(row.nextDeadlineAt?.getTime()).toBe(T0 + 60_000);
    expect((await delayed()).some((j) => j.id?.startsWith(`${id}-1-accept-warn-`))).toBe(true);
    expect(await sweepUnscheduledCases(deps)).toBe(0);
  });
});
