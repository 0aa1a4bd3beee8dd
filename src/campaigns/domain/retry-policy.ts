import { type Attempt, type AttemptOutcome, isAlwaysFinalOutcome } from './attempt-outcome';

export interface RetryRule {
  /**
   * How many more rounds a household gets after rounds ending with this outcome: 2 means at most three
   * rounds may end this way.
   */
  retries: number;
  /** Wait between the end of such a round and the next round. */
  delayMinutes: number;
}

interface MachineRetryRule extends RetryRule {
  /**
   * Play the message after the machine's beep and treat the household as done once it was left;
   * otherwise hang up on machines and retry like an unanswered call.
   */
  leaveMessage: boolean;
}

/** Outcomes a household may be called again after, most telling first (see `roundOutcome`). */
export const RETRYABLE_OUTCOMES = [
  'answered_no_digit',
  'machine',
  'rejected',
  'busy',
  'no_answer',
  'unknown',
  'failed',
] as const satisfies readonly AttemptOutcome[];

export type RetryableOutcome = (typeof RETRYABLE_OUTCOMES)[number];

export type RetryPolicy = { [K in Exclude<RetryableOutcome, 'machine'>]: RetryRule } & {
  machine: MachineRetryRule;
  /** Upper bound on rounds per household whatever the mix of outcomes, so nobody is called all day. */
  maxRoundsPerHousehold: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  busy: { retries: 2, delayMinutes: 5 },
  no_answer: { retries: 2, delayMinutes: 15 },
  failed: { retries: 1, delayMinutes: 5 },
  answered_no_digit: { retries: 1, delayMinutes: 30 },
  rejected: { retries: 1, delayMinutes: 60 },
  machine: { retries: 2, delayMinutes: 15, leaveMessage: false },
  unknown: { retries: 1, delayMinutes: 15 },
  maxRoundsPerHousehold: 5,
};

export function isRetryableOutcome(outcome: AttemptOutcome): outcome is RetryableOutcome {
  return (RETRYABLE_OUTCOMES as readonly AttemptOutcome[]).includes(outcome);
}

/** Whether this attempt settles its household for good. */
export function isFinalAttempt(attempt: Attempt, policy: RetryPolicy): boolean {
  if (isAlwaysFinalOutcome(attempt.outcome)) return true;
  return attempt.outcome === 'machine' && policy.machine.leaveMessage && attempt.messageLeft === true;
}

/**
 * The outcome that describes a round with several numbers: the one that came closest to a person
 * (someone picked up > a machine did > someone declined > line busy > ringing > nothing known > failure).
 */
export function roundOutcome(outcomes: readonly RetryableOutcome[]): RetryableOutcome | null {
  let best: RetryableOutcome | null = null;
  for (const outcome of outcomes) {
    if (best === null || RETRYABLE_OUTCOMES.indexOf(outcome) < RETRYABLE_OUTCOMES.indexOf(best))
      best = outcome;
  }
  return best;
}
