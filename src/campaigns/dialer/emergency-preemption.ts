import type { Redis } from 'ioredis';
import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { CallControl } from '../../telephony/call-control';
import { claimCallToEnd } from '../../telephony/preemption-claim';
import { Q850 } from '../../telephony/q850';
import { jobPriority } from './campaign-job';
import { callsToEndForEmergency } from './emergency-share';
import { campaignCallsEnding, markAttemptPreempted, normalCampaignCalls } from './preemptible-attempts';
import type { EmergencyWaits } from './emergency-waits';
import type { TrunkQueues } from './trunk-queues';

export interface EmergencyPreemptionDeps {
  db: Db;
  redis: Redis;
  calls: CallControl;
  queues: TrunkQueues;
  emergencyWaits: EmergencyWaits;
  logger: Logger;
  prefix: string;
}

/** How often each trunk is looked at: an emergency call waits at most about this long for a channel. */
const EVERY_MS = 1_000;

/**
 * An emergency campaign takes channels from normal ones: when its calls wait because every campaign
 * channel of the trunk is busy, the least important campaigns' newest calls are ended (Q.850 8, marked
 * first, so their households are called again without being charged), and BullMQ gives each freed
 * channel to the highest-priority waiting call, the emergency one. One process looks at a trunk at a time
 * (a Redis lock per look), so workers never end more calls between them than the emergency needs; each
 * call is claimed as SOS calls claim theirs, so an SOS call and an emergency campaign never end the same
 * call and both count on its one channel.
 */
export function startEmergencyPreemption(
  deps: EmergencyPreemptionDeps,
  trunks: readonly string[],
): { stop(): Promise<void> } {
  let looking: Promise<void> | undefined;
  const look = async () => {
    try {
      for (const trunk of trunks) await lookAt(deps, trunk);
    } catch (error) {
      deps.logger.error({ err: (error as Error).message }, 'emergency campaign preemption check failed');
    }
  };
  // One look at a time: a look slower than the interval is not started again meanwhile.
  const timer = setInterval(() => (looking ??= look().finally(() => (looking = undefined))), EVERY_MS);
  timer.unref();
  return {
    // A look under way finishes first: the process closes its database next (see AttemptJournal.close).
    stop: async () => {
      clearInterval(timer);
      await looking;
    },
  };
}

async function lookAt(deps: EmergencyPreemptionDeps, trunk: string): Promise<void> {
  const lock = `${deps.prefix}:trunks:${trunk}:emergency-preemption`;
  if ((await deps.redis.set(lock, '1', 'PX', EVERY_MS - 100, 'NX')) !== 'OK') return;
  const queue = deps.queues.queue(trunk);
  const emergency = jobPriority('emergency');
  // Due now in the queue, and turned away by the trunk's budget (its channels taken by calls of any kind).
  const waiting =
    ((await queue.getCountsPerPriority([emergency]))[emergency] ?? 0) +
    (await deps.emergencyWaits.count(trunk));
  if (waiting === 0) return;
  const config = deps.queues.trunk(trunk);
  const toEnd = callsToEndForEmergency({
    emergencyWaiting: waiting,
    active: Math.max(await queue.getActiveCount(), deps.calls.channelsInUse(trunk)),
    concurrency: config.channels - config.reserved,
    ending: await campaignCallsEnding(deps.db, trunk),
  });
  if (toEnd === 0) return;
  const ended: string[] = [];
  for (const callId of await normalCampaignCalls(deps.db, trunk, toEnd * 2)) {
    if (ended.length === toEnd) break;
    if (!deps.calls.isLive(callId)) continue;
    // Claimed by an SOS call (in any process): its channel is that call's, not the emergency's.
    if (!(await claimCallToEnd(deps.redis, deps.prefix, trunk, callId))) continue;
    if (!(await markAttemptPreempted(deps.db, callId))) continue;
    await deps.calls.hangup(callId, Q850.PREEMPTION).catch(() => undefined);
    ended.push(callId);
  }
  if (ended.length > 0)
    deps.logger.info(
      { trunk, ended: ended.length, waiting },
      'campaign calls ended for an emergency campaign',
    );
}
