import type { Redis } from 'ioredis';

/** Why calls on a trunk are held back. */
export type BackoffReason = 'congestion' | 'engine-unavailable' | 'not-dialled';

export interface TrunkBackoffState {
  /** No campaign call starts on the trunk before this (epoch ms); then one call probes the trunk. */
  until: number;
  /** Back-offs in a row without a call carried. */
  failures: number;
  /** Since when the trunk has been failing (epoch ms). */
  since: number;
  reason: BackoffReason;
}

export interface BackoffTiming {
  firstDelayMs: number;
  longestDelayMs: number;
}

export type Admission = { kind: 'dial' } | { kind: 'wait'; until: number };

/** How long a probing call may take before another worker probes instead. */
const PROBE_MS = 60_000;

// KEYS: back-off hash, probe key. ARGV: now, first delay, longest delay, reason, jitter (0..1).
// Failures that arrive while the trunk is already backed off (calls that were in flight) change nothing:
// the delay doubles once per probe that fails, not once per call.
const TRIP = `
local now = tonumber(ARGV[1])
local untilAt = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if untilAt <= now then
  local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
  local delay = math.min(tonumber(ARGV[2]) * 2 ^ (failures - 1), tonumber(ARGV[3]))
  delay = delay * (0.8 + 0.4 * tonumber(ARGV[5]))
  redis.call('HSETNX', KEYS[1], 'since', string.format('%.0f', now))
  redis.call('HSET', KEYS[1], 'until', string.format('%.0f', now + delay), 'reason', ARGV[4])
  redis.call('PEXPIRE', KEYS[1], string.format('%.0f', tonumber(ARGV[3]) * 10 + 600000))
  redis.call('DEL', KEYS[2])
end
return redis.call('HMGET', KEYS[1], 'until', 'failures', 'since', 'reason')
`;

// KEYS: back-off hash, probe key. ARGV: now, probe time. Returns 0 to dial, else when to look again.
// Once a back-off ends, a single call probes the trunk; the rest wait for its result.
const ADMIT = `
local untilAt = redis.call('HGET', KEYS[1], 'until')
if not untilAt then return 0 end
local now = tonumber(ARGV[1])
if tonumber(untilAt) > now then return tonumber(untilAt) end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then return 0 end
return now + 1000
`;

/**
 * Infrastructure failures (carrier congestion, an engine down, an originate refused) back off the trunk,
 * never the household: every worker holds campaign calls on the trunk until the back-off ends, then one
 * call probes it. The delay doubles with each failed probe and clears at the first call the carrier carried.
 */
export class TrunkBackoff {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly timing: BackoffTiming,
  ) {}

  private keys(trunk: string): [string, string] {
    const base = `${this.prefix}:campaigns:trunk:${trunk}`;
    return [`${base}:backoff`, `${base}:backoff-probe`];
  }

  async trip(trunk: string, reason: BackoffReason, now = Date.now()): Promise<TrunkBackoffState> {
    const raw = (await this.redis.eval(
      TRIP,
      2,
      ...this.keys(trunk),
      now,
      this.timing.firstDelayMs,
      this.timing.longestDelayMs,
      reason,
      Math.random(),
    )) as (string | null)[];
    return parseState(raw);
  }

  /** Whether a campaign call may start on the trunk now, or until when it waits. */
  async admit(trunk: string, now = Date.now()): Promise<Admission> {
    const until = Number(await this.redis.eval(ADMIT, 2, ...this.keys(trunk), now, PROBE_MS));
    return until === 0 ? { kind: 'dial' } : { kind: 'wait', until };
  }

  /** The trunk's back-off, or null when it carries calls normally. */
  async state(trunk: string): Promise<TrunkBackoffState | null> {
    const raw = await this.redis.hmget(this.keys(trunk)[0], 'until', 'failures', 'since', 'reason');
    return raw[0] === null ? null : parseState(raw);
  }

  /** A call went through: the trunk is healthy again. */
  async clear(trunk: string): Promise<void> {
    await this.redis.del(...this.keys(trunk));
  }
}

function parseState(raw: (string | null)[]): TrunkBackoffState {
  const [until, failures, since, reason] = raw;
  return {
    until: Number(until ?? 0),
    failures: Number(failures ?? 0),
    since: Number(since ?? 0),
    reason: (reason ?? 'congestion') as BackoffReason,
  };
}
