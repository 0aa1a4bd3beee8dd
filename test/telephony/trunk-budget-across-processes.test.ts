/**
 * The trunk budget shared by two linli processes: two TrunkBudget objects, each with its own Redis
 * connection, over one engine both hear (the fake; the real one runs in test/e2e) and the real Redis.
 */
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../src/logging';
import { createRedis, type Redis } from '../../src/queue/redis';
import { EngineUnavailable } from '../../src/telephony/errors/engine-unavailable';
import { TrunkCongested } from '../../src/telephony/errors/trunk-congested';
import { TrunkBudget, type TrunkBudgetOptions } from '../../src/telephony/trunk-budget';
import type { NotifyRequest } from '../../src/telephony/verbs/notify';
import { dropRedisKeys } from '../support/drop-redis-keys';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two linli processes share a trunk’s channels through Redis', () => {
  let fake: FakeCallControl;
  let prefix: string;
  const connections: Redis[] = [];
  let serial = 0;

  beforeEach(() => {
    prefix = `linli-budget-${randomBytes(4).toString('hex')}`;
    fake = new FakeCallControl(['pstn'], { secondMs: 1000 });
  });
  afterEach(async () => {
    await fake.close();
    for (const redis of connections.splice(0)) redis.disconnect();
    await dropRedisKeys(prefix);
  });

  /** One linli process's budget: its own Redis connection, the same engine. */
  function linliProcess(channels: number, options: Partial<TrunkBudgetOptions> = {}) {
    const redis = createRedis(REDIS_URL);
    connections.push(redis);
    const trunk = { name: 'pstn', server: 'fake', channels, cps: 10, reserved: 1 };
    const budget = new TrunkBudget(fake, [trunk], {
      logger: createLogger('silent'),
      redis,
      prefix,
      escalationWaitMs: 10_000,
      ...options,
    });
    /** The process dies: nothing vouches for its calls any more, and nothing will ever end them. */
    const crash = () => {
      connections.splice(connections.indexOf(redis), 1);
      redis.disconnect();
    };
    return { budget, redis, crash };
  }

  const request = (callId: string): NotifyRequest => ({
    callId,
    trunk: 'pstn',
    destination: `861390001${String(++serial).padStart(4, '0')}`,
    ringTimeoutMs: 30_000,
    prompt: [],
    choices: [{ digit: '1', label: 'hold', hold: true }],
    maxPlays: 1,
    digitTimeoutMs: 60_000,
    holdMaxMs: 600_000,
    machineDetection: 'off',
  });

  /** A call that holds its channel until it is hung up (a campaign call, placed outside the budget). */
  const holdingCall = async (callId = `held-${++serial}`) => {
    const r = request(callId);
    fake.phone(r.destination, 'press-and-hold:1:600');
    await fake.notify(r);
    return callId;
  };

  /** Takes a channel, then places the call on it (holding), and says how many channels the engine shows then. */
  async function takeAndPlace(budget: TrunkBudget, priority: 'sos' | 'escalation', callId: string) {
    await budget.take('pstn', priority, callId);
    await holdingCall(callId);
    return fake.channelsInUse('pstn');
  }

  const waitingKey = () => `${prefix}:trunk-budget:pstn:waiting`;
  async function untilWaiting(redis: Redis, callId: string): Promise<void> {
    while ((await redis.zscore(waitingKey(), callId)) === null) await new Promise((r) => setImmediate(r));
  }

  it('single calls from both processes at once never hold more than the trunk’s unreserved channels', async () => {
    const a = linliProcess(4, { escalationWaitMs: 300 });
    const b = linliProcess(4, { escalationWaitMs: 300 });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => takeAndPlace((i % 2 ? a : b).budget, 'escalation', `single-${i}`)),
    );
    const placed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(placed).toHaveLength(3);
    expect(Math.max(...placed)).toBe(3);
    expect(refused).toHaveLength(5);
    expect(refused.every((e) => e instanceof TrunkCongested)).toBe(true);
  });

  it('SOS calls from both processes on a full trunk each end a different campaign call, never one too many', async () => {
    const a = linliProcess(3);
    const b = linliProcess(3);
    const campaign = [await holdingCall(), await holdingCall()];
    const preempted: string[] = [];
    for (const { budget } of [a, b]) {
      budget.allowPreemption({
        // Both processes offer the same call first (the newest of the least important campaign).
        candidates: async () => [...campaign].reverse(),
        markPreempted: async (id) => void preempted.push(id),
      });
    }
    const inUse = await Promise.all([
      takeAndPlace(a.budget, 'sos', 'sos-a'),
      takeAndPlace(b.budget, 'sos', 'sos-b'),
      takeAndPlace(a.budget, 'sos', 'sos-c'),
    ]);
    // One took the reserved channel; the other two ended one campaign call each.
    expect([...preempted].sort()).toEqual([...campaign].sort());
    expect(Math.max(...inUse)).toBeLessThanOrEqual(3);
    expect(fake.channelsInUse('pstn')).toBe(3);
  });

  it('a call that ends frees its channel for the other process at once, not when its entry lapses', async () => {
    const a = linliProcess(2, { placingTtlMs: 60_000 });
    const b = linliProcess(2, { placingTtlMs: 60_000 });
    await a.budget.take('pstn', 'escalation', 'single-a');
    const order: string[] = [];
    fake.onCallEvent((e) => e.type === 'ended' && order.push(`ended ${e.callId}`));
    const waiting = b.budget.take('pstn', 'escalation', 'single-b').then(() => order.push('taken single-b'));
    await untilWaiting(b.redis, 'single-b');
    // single-a is placed and its phone is busy: it ends before anyone answers, as a failed originate does.
    const r = request('single-a');
    fake.phone(r.destination, 'busy');
    await fake.notify(r);
    await waiting;
    expect(order).toEqual(['ended single-a', 'taken single-b']);
  });

  it('an originate that failed gives its channel back to the other process at once', async () => {
    const a = linliProcess(2, { placingTtlMs: 60_000 });
    const b = linliProcess(2, { placingTtlMs: 60_000 });
    await a.budget.take('pstn', 'escalation', 'single-a');
    const order: string[] = [];
    const waiting = b.budget.take('pstn', 'escalation', 'single-b').then(() => order.push('taken single-b'));
    await untilWaiting(b.redis, 'single-b');
    fake.refuseNext(new EngineUnavailable('fake'));
    const error: unknown = await fake.notify(request('single-a')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineUnavailable);
    order.push('released single-a');
    await a.budget.release('single-a', error);
    await waiting;
    expect(order).toEqual(['released single-a', 'taken single-b']);
  });

  it('the calls a crashed process was placing stop counting within seconds', async () => {
    const a = linliProcess(2, { placingTtlMs: 1_000 });
    const b = linliProcess(2, { placingTtlMs: 1_000 });
    await a.budget.take('pstn', 'escalation', 'single-a');
    const taken = Date.now();
    a.crash();
    await b.budget.take('pstn', 'escalation', 'single-b');
    // Held until single-a's entry lapsed (a second), then free: well within the ten seconds b would wait.
    expect(Date.now() - taken).toBeGreaterThanOrEqual(800);
  });

  it('calls waiting in both processes get freed channels hotline first, then in the order they came', async () => {
    const a = linliProcess(2);
    const b = linliProcess(2);
    const held = await holdingCall();
    const order: string[] = [];
    const waitFor = (p: { budget: TrunkBudget }, priority: 'hotline' | 'escalation', callId: string) =>
      p.budget.take('pstn', priority, callId).then(() => order.push(callId));
    const firstSingle = waitFor(a, 'escalation', 'single-1');
    await untilWaiting(a.redis, 'single-1');
    const hotline = waitFor(b, 'hotline', 'hotline-1');
    await untilWaiting(b.redis, 'hotline-1');
    const secondSingle = waitFor(b, 'escalation', 'single-2');
    await untilWaiting(b.redis, 'single-2');

    fake.farEndHangsUp(held);
    await hotline;
    // Each call's originate fails in turn, and its channel goes to the next in line, in whichever process.
    await b.budget.release('hotline-1', new EngineUnavailable('fake'));
    await firstSingle;
    await a.budget.release('single-1', new EngineUnavailable('fake'));
    await secondSingle;
    expect(order).toEqual(['hotline-1', 'single-1', 'single-2']);
  });
});
