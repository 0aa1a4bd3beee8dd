import type { AttemptOutcome } from './attempt-outcome';

export type DialledOutcome = Exclude<AttemptOutcome, 'do_not_call'>;

/** What earlier campaigns showed about calls in these villages; the planner's assumptions. */
export interface CallStatistics {
  /** Share of attempts ending each way. Normalised before use, so raw counts work too. */
  outcomeShares: Record<DialledOutcome, number>;
  /** Ringing before someone (or a machine) answers. */
  meanRingMs: number;
  /** Ringing before giving up on an unanswered call. */
  meanNoAnswerRingMs: number;
  /** Answer to hangup; null: derived from the message (see `talkDurationMs`). */
  meanTalkMs: number | null;
  /** How long a busy, rejected, failed or lost attempt holds a channel. */
  meanUnansweredSetupMs: number;
}

/** For villages with no campaign history: 70% answered, 8% busy, 15% no answer. */
export const DEFAULT_CALL_STATISTICS: CallStatistics = {
  outcomeShares: {
    confirmed: 0.55,
    declined: 0.05,
    answered_no_digit: 0.1,
    busy: 0.08,
    no_answer: 0.15,
    rejected: 0.02,
    failed: 0.04,
    machine: 0.01,
    unknown: 0,
  },
  meanRingMs: 12_000,
  meanNoAnswerRingMs: 30_000,
  meanTalkMs: null,
  meanUnansweredSetupMs: 5_000,
};

/** Time from answer to hangup: given, or the message plus repeats and key presses (× 1.3 + 5 s). */
function talkDurationMs(statistics: CallStatistics, messageDurationMs: number): number {
  return statistics.meanTalkMs ?? messageDurationMs * 1.3 + 5_000;
}

/** How long an attempt ending this way holds a channel, from dialling to hangup. */
export function attemptDurationMs(
  outcome: DialledOutcome,
  statistics: CallStatistics,
  messageDurationMs: number,
): number {
  switch (outcome) {
    case 'confirmed':
    case 'declined':
    case 'answered_no_digit':
    case 'machine':
      return statistics.meanRingMs + talkDurationMs(statistics, messageDurationMs);
    case 'no_answer':
      return statistics.meanNoAnswerRingMs;
    case 'busy':
    case 'rejected':
    case 'failed':
    case 'unknown':
      return statistics.meanUnansweredSetupMs;
  }
}

/** Outcome shares summing to 1. */
export function outcomeProbabilities(statistics: CallStatistics): Record<DialledOutcome, number> {
  const entries = Object.entries(statistics.outcomeShares) as [DialledOutcome, number][];
  if (entries.some(([, share]) => !(share >= 0))) throw new RangeError('outcome shares must be 0 or more');
  const total = entries.reduce((sum, [, share]) => sum + share, 0);
  if (!(total > 0)) throw new RangeError('outcome shares are all 0: pass null history to use the defaults');
  return Object.fromEntries(entries.map(([outcome, share]) => [outcome, share / total])) as Record<
    DialledOutcome,
    number
  >;
}
