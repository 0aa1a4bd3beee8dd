import type { PstnCallRecord } from '../../simulators/pstn/pstn-call-log';
import type { AttemptTimes } from './linli-campaign';

interface Spread {
  mean: number;
  p50: number;
  p95: number;
}

export interface DialerOverhead {
  /** Attempts paired with the carrier's call for them. */
  matched: number;
  /** Attempt row written (just before the originate) → INVITE at the carrier. */
  rowToInviteMs: Spread;
  /** Call ended at the carrier → attempt row closed (outcome written, channel lease given back). */
  endToRowMs: Spread;
  /** Sum of the attempt rows' start → end. */
  attemptSeconds: number;
}

/**
 * Where linli's time per call goes beyond the call itself. The nth attempt on a number is the nth call
 * the carrier received for it (a number is never dialled twice at once); numbers whose counts differ
 * (a call that never reached the carrier) are left out of the pairing.
 */
export function dialerOverhead(
  attempts: readonly AttemptTimes[],
  carried: readonly PstnCallRecord[],
): DialerOverhead {
  const byNumber = <T>(items: readonly T[], key: (item: T) => string, at: (item: T) => number) => {
    const groups = new Map<string, T[]>();
    for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    for (const group of groups.values()) group.sort((a, b) => at(a) - at(b));
    return groups;
  };
  const calls = byNumber(
    carried,
    (c) => c.number,
    (c) => c.receivedAt.getTime(),
  );
  const rows = byNumber(
    attempts,
    (a) => a.number.replace(/^\+/, ''),
    (a) => a.startedAt.getTime(),
  );
  const toInvite: number[] = [];
  const afterEnd: number[] = [];
  for (const [number, own] of rows) {
    const theirs = calls.get(number) ?? [];
    if (theirs.length !== own.length) continue;
    own.forEach((attempt, i) => {
      const call = theirs[i];
      if (!call) return;
      toInvite.push(call.receivedAt.getTime() - attempt.startedAt.getTime());
      if (attempt.endedAt && call.endedAt) afterEnd.push(attempt.endedAt.getTime() - call.endedAt.getTime());
    });
  }
  const attemptSeconds = attempts.reduce(
    (sum, a) => sum + (a.endedAt ? (a.endedAt.getTime() - a.startedAt.getTime()) / 1000 : 0),
    0,
  );
  return {
    matched: toInvite.length,
    rowToInviteMs: spread(toInvite),
    endToRowMs: spread(afterEnd),
    attemptSeconds,
  };
}

function spread(values: number[]): Spread {
  if (values.length === 0) return { mean: NaN, p50: NaN, p95: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return { mean: sorted.reduce((s, v) => s + v, 0) / sorted.length, p50: at(0.5), p95: at(0.95) };
}
