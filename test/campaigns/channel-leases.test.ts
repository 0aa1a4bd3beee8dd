import { randomBytes } from 'node:crypto';
import { CallStartPacer, startIntervalMs } from '../../src/campaigns/dialer/call-start-pacer';
import { ChannelLeases } from '../../src/campaigns/dialer/channel-leases';
import { createRedis, type Redis } from '../../src/queue/redis';

describe('channels and call starts shared through the real Redis', () => {
  let redis: Redis;
  let prefix: string;

  beforeAll(() => {
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  beforeEach(() => {
    prefix = `linli-test-${randomBytes(4).toString('hex')}`;
  });
  afterAll(() => redis.disconnect());

  it('hold a campaign to its channel cap and wake a parked job, first parked first, when a call ends', async () => {
    const leases = new ChannelLeases(redis, prefix);
    expect(await leases.acquire('c1', 'call-a', 2, 'job-a')).toBe(true);
    expect(await leases.acquire('c1', 'call-b', 2, 'job-b')).toBe(true);
    expect(await leases.acquire('c1', 'call-c', 2, 'job-c')).toBe(false);
    expect(await leases.acquire('c1', 'call-d', 2, 'job-d')).toBe(false);
    expect(await leases.inUse('c1')).toBe(2);
    expect(await leases.release('c1', 'call-a')).toBe('job-c');
    expect(await leases.inUse('c1')).toBe(1);
    expect(await leases.nextParked('c1')).toBe('job-d');
    expect(await leases.nextParked('c1')).toBeNull();
  });

  it('count a call once however often it asks, and cap nothing without a cap', async () => {
    const leases = new ChannelLeases(redis, prefix);
    expect(await leases.acquire('c2', 'call-a', 1, 'job-a')).toBe(true);
    expect(await leases.acquire('c2', 'call-a', 1, 'job-a')).toBe(true);
    for (let i = 0; i < 50; i++) expect(await leases.acquire('c3', `call-${i}`, null, `job-${i}`)).toBe(true);
    expect(await leases.inUse('c2')).toBe(1);
    expect(await leases.inUse('c3')).toBe(50);
  });

  it('space call starts by the trunk’s and the campaign’s calls per second, across all callers', async () => {
    const pacer = new CallStartPacer(redis, prefix);
    const trunk = { name: 'pstn', cps: 10 };
    const slots = await Promise.all(
      Array.from({ length: 5 }, () => pacer.reserve(trunk, { id: 'c', cps: null }, 10_000)),
    );
    const starts = slots.map((s) => (s.kind === 'reserved' ? s.at : NaN)).sort((a, b) => a - b);
    expect(starts.slice(1).map((at, i) => at - (starts[i] as number))).toEqual([100, 100, 100, 100]);

    const slow = { id: 'slow', cps: 2 };
    const first = await pacer.reserve(trunk, slow, 10_000);
    const second = await pacer.reserve(trunk, slow, 10_000);
    expect(first.kind === 'reserved' && second.kind === 'reserved' && second.at - first.at).toBe(
      startIntervalMs(2),
    );
  });

  it('book no start further away than the caller would wait, and say when one would be free', async () => {
    const pacer = new CallStartPacer(redis, prefix);
    const trunk = { name: 'slow-trunk', cps: 0.5 };
    const first = await pacer.reserve(trunk, { id: 'c', cps: null }, 1000);
    const second = await pacer.reserve(trunk, { id: 'c', cps: null }, 1000);
    expect(first.kind).toBe('reserved');
    expect(second).toEqual({ kind: 'too-far', earliest: (first.kind === 'reserved' ? first.at : 0) + 2000 });
    const third = await pacer.reserve(trunk, { id: 'c', cps: null }, 1000);
    expect(third).toEqual(second);
  });
});
