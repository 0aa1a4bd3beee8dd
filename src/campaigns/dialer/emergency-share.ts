/** What the trunk's campaign queue holds right now, as BullMQ counts it. */
export interface TrunkQueueLoad {
  /** Emergency campaigns' calls waiting for a channel (due now, or turned away by a full trunk). */
  emergencyWaiting: number;
  /** Channels held: by campaign calls (their jobs), or by calls of any kind (the engine's count), the more. */
  active: number;
  /** Channels campaigns may hold on the trunk (its channels less the ones kept for SOS). */
  concurrency: number;
  /** Calls of other campaigns already being ended for emergency calls, not yet gone. */
  ending: number;
}

/**
 * How many calls of normal campaigns to end now so that waiting emergency calls get a channel: one per
 * waiting emergency call that no free channel and no call already being ended will serve.
 */
export function callsToEndForEmergency(load: TrunkQueueLoad): number {
  const free = Math.max(0, load.concurrency - load.active);
  return Math.max(0, load.emergencyWaiting - free - load.ending);
}
