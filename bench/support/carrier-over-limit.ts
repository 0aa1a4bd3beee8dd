import { mostCallsAtOnce, type PstnCallRecord } from '../../simulators/pstn/pstn-call-log';

export interface CarrierLoad {
  /** Most calls up at once at the carrier (INVITE received → call ended). */
  peak: number;
  /** Calls above the trunk's channels at that moment: peak − channels, at least 0. */
  overLimit: number;
}

/**
 * How far a trunk of `channels` went over what the carrier sells, as the carrier saw it (the PSTN
 * simulator's call log). A call not ended yet counts as up until `now` (epoch ms).
 */
export function carrierLoad(
  calls: readonly Pick<PstnCallRecord, 'receivedAt' | 'endedAt'>[],
  channels: number,
  now: number,
): CarrierLoad {
  const peak = mostCallsAtOnce(calls, now);
  return { peak, overLimit: Math.max(0, peak - channels) };
}

/** Calls of `calls` up at the carrier at `at` (epoch ms): received by then and not ended yet. */
export function callsUpAt(
  calls: readonly Pick<PstnCallRecord, 'receivedAt' | 'endedAt'>[],
  at: number,
): number {
  return calls.filter((c) => c.receivedAt.getTime() <= at && (c.endedAt === null || c.endedAt.getTime() > at))
    .length;
}
