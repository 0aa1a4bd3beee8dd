import { randomBytes } from 'node:crypto';
import { TrunkBackoff } from '../../src/campaigns/dialer/trunk-backoff';
import { progressLine, type WatchedProgress } from '../../src/cli/commands/campaign-progress-line';
import { createRedis, type Redis } from '../../src/queue/redis';

describe("a trunk's back-off after infrastructure failures, shared through the real Redis", () => {
  let redis: Redis;
  let backoff: TrunkBackoff;
  const t0 = 1_800_000_000_000;

  beforeAll(() => {
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  beforeEach(() => {
    backoff = new TrunkBackoff(redis, `linli-test-${randomBytes(4).toString('hex')}`, {
      firstDelayMs: 1000,
      longestDelayMs: 8000,
    });
  });
  afterAll(() => redis.disconnect());

  it('holds every call on the trunk, then lets one call probe it while the others wait', async () => {
    expect(await backoff.admit('pstn', t0)).toEqual({ kind: 'dial' });
    const state = await backoff.trip('pstn', 'congestion', t0);
    expect(state).toMatchObject({ failures: 1, since: t0, reason: 'congestion' });
    expect(state.until).toBeGreaterThanOrEqual(t0 + 800);
    expect(await backoff.admit('pstn', t0 + 10)).toEqual({ kind: 'wait', until: state.until });
    expect(await backoff.admit('other-trunk', t0 + 10)).toEqual({ kind: 'dial' });
    const after = state.until + 1;
    expect(await backoff.admit('pstn', after)).toEqual({ kind: 'dial' });
    expect(await backoff.admit('pstn', after)).toEqual({ kind: 'wait', until: after + 1000 });
  });

  it('calls that were in flight when the carrier failed do not double it; each failed probe does, up to the longest', async () => {
    const first = await backoff.trip('pstn', 'congestion', t0);
    const again = await backoff.trip('pstn', 'congestion', t0 + 5);
    expect(again).toEqual(first);
    let now = first.until;
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      now += 1;
      const next = await backoff.trip('pstn', 'engine-unavailable', now);
      delays.push(next.until - now);
      now = next.until;
    }
    expect(delays[0]).toBeGreaterThanOrEqual(1600);
    expect(delays[1]).toBeGreaterThanOrEqual(3200);
    expect(Math.max(...delays)).toBeLessThanOrEqual(8000 * 1.2);
    expect((await backoff.state('pstn'))?.failures).toBe(6);
    expect((await backoff.state('pstn'))?.since).toBe(t0);
  });

  it('clears at the first call the carrier carried', async () => {
    await backoff.trip('pstn', 'congestion', t0);
    await backoff.clear('pstn');
    expect(await backoff.state('pstn')).toBeNull();
    expect(await backoff.admit('pstn', t0 + 1)).toEqual({ kind: 'dial' });
  });

  it('shows the cadre why the campaign waits', () => {
    const now = new Date(t0);
    const progress: WatchedProgress = {
      status: 'RUNNING',
      households: 10,
      byState: { final: 5 },
      byOutcome: {},
      reached: 5,
      callsInFlight: 0,
      channelCap: 30,
      withinWindow: true,
      nextWindowOpening: null,
      eta: null,
      trunkBackoff: { reason: 'congestion', retryAt: new Date(t0 + 8000).toISOString() },
    };
    expect(progressLine(progress, now)).toContain('trunk congested, retrying in 8 s');
    expect(
      progressLine(
        { ...progress, trunkBackoff: null, status: 'PAUSED', pausedReason: 'trunk_unavailable:congestion' },
        now,
      ),
    ).toContain('paused: trunk_unavailable:congestion');
  });
});
