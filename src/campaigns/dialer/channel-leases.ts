import type { Redis } from 'ioredis';

/** A lease outlives any call (ring timeout + message + repeats); it only matters if its holder died. */
const LEASE_TTL_MS = 20 * 60_000;

// KEYS: calls zset, parked list. ARGV: now, expiry, callId, cap (0: none), jobId.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local cap = tonumber(ARGV[4])
if cap > 0 and redis.call('ZCARD', KEYS[1]) >= cap and not redis.call('ZSCORE', KEYS[1], ARGV[3]) then
  redis.call('RPUSH', KEYS[2], ARGV[5])
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
return 1
`;

// KEYS: calls zset, parked list. ARGV: callId. Returns a parked job id to wake, or false.
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
return redis.call('LPOP', KEYS[2])
`;

/**
 * Each campaign's calls in flight, shared by every worker process: a sorted set of call ids with lease
 * expiries (so a crashed worker's calls stop counting) and a list of jobs parked because the campaign
 * was at its channel cap. Whoever ends a call wakes one parked job, so a capped campaign keeps its
 * channels busy without jobs polling for a free one.
 */
export class ChannelLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keys(campaignId: string): [string, string] {
    const base = `${this.prefix}:campaigns:${campaignId}`;
    return [`${base}:calls`, `${base}:parked`];
  }

  /** Takes a channel for `callId`, or parks `jobId` when `cap` channels are taken already. */
  async acquire(campaignId: string, callId: string, cap: number | null, jobId: string): Promise<boolean> {
    const now = Date.now();
    const result = await this.redis.eval(
      ACQUIRE,
      2,
      ...this.keys(campaignId),
      now,
      now + LEASE_TTL_MS,
      callId,
      cap ?? 0,
      jobId,
    );
    return result === 1;
  }

  /** Gives the channel back; returns the id of a parked job to wake, if any. */
  async release(campaignId: string, callId: string): Promise<string | null> {
    const woken = await this.redis.eval(RELEASE, 2, ...this.keys(campaignId), callId);
    return typeof woken === 'string' ? woken : null;
  }

  /** Another parked job to wake, when the one `release` returned had already gone. */
  async nextParked(campaignId: string): Promise<string | null> {
    return this.redis.lpop(this.keys(campaignId)[1]);
  }

  async inUse(campaignId: string): Promise<number> {
    const [calls] = this.keys(campaignId);
    await this.redis.zremrangebyscore(calls, '-inf', Date.now());
    return this.redis.zcard(calls);
  }

  async forgetParked(campaignId: string): Promise<void> {
    await this.redis.del(this.keys(campaignId)[1]);
  }
}
