import type { Redis } from '../queue/redis';

/** How long a claim holds: far longer than a hung-up call takes to end, so it outlives its victim. */
const CLAIM_MS = 10_000;

/**
 * Claims a campaign call to be ended to free its channel, for one more important call. Whoever ends
 * one (an SOS call, an emergency campaign, in any linli process) claims it first, so two never end the
 * same call and both count on its one channel; false when another has claimed it.
 */
export async function claimCallToEnd(
  redis: Redis,
  prefix: string,
  trunk: string,
  callId: string,
): Promise<boolean> {
  const key = `${prefix}:trunk-budget:${trunk}:preempting:${callId}`;
  return (await redis.set(key, '1', 'PX', CLAIM_MS, 'NX')) === 'OK';
}
