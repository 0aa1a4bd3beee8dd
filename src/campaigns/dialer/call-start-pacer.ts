import type { Redis } from 'ioredis';

// KEYS: trunk's next start, campaign's next start. ARGV: now, trunk interval, campaign interval (0: none),
// longest wait worth reserving. Returns the reserved start, or minus the earliest start when it is too far.
const RESERVE = `
local now = tonumber(ARGV[1])
local trunkInterval = tonumber(ARGV[2])
local campaignInterval = tonumber(ARGV[3])
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
if campaignInterval > 0 then at = math.max(at, tonumber(redis.call('GET', KEYS[2]) or '0')) end
if at - now > tonumber(ARGV[4]) then return -at end
local function book(key, interval)
  local nextAt = at + interval
  redis.call('SET', key, string.format('%.0f', nextAt), 'PX', string.format('%.0f', nextAt - now + 1000))
end
book(KEYS[1], trunkInterval)
if campaignInterval > 0 then book(KEYS[2], campaignInterval) end
return at
`;

export type StartSlot = { kind: 'reserved'; at: number } | { kind: 'too-far'; earliest: number };

/** Whole milliseconds between starts, rounded up so the carrier's limit is never exceeded. */
export function startIntervalMs(callsPerSecond: number): number {
  return Math.ceil(1000 / callsPerSecond);
}

/**
 * Calls-per-second limits of trunks and campaigns, shared by every worker process: each call start books
 * the next free instant on both (starts at least 1/cps apart). Only calls about to be dialled book, so
 * jobs that wait for the window or a channel never use up the carrier's rate.
 */
export class CallStartPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async reserve(
    trunk: { name: string; cps: number },
    campaign: { id: string; cps: number | null },
    longestWaitMs: number,
  ): Promise<StartSlot> {
    const now = Date.now();
    const at = Number(
      await this.redis.eval(
        RESERVE,
        2,
        `${this.prefix}:campaigns:trunk:${trunk.name}:next-start`,
        `${this.prefix}:campaigns:${campaign.id}:next-start`,
        now,
        startIntervalMs(trunk.cps),
        campaign.cps === null ? 0 : startIntervalMs(campaign.cps),
        longestWaitMs,
      ),
    );
    return at < 0 ? { kind: 'too-far', earliest: -at } : { kind: 'reserved', at };
  }
}
