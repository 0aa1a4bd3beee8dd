/** How one call attempt to one number ended, as the campaign rules see it. */
export const ATTEMPT_OUTCOMES = [
  'confirmed',
  'declined',
  'answered_no_digit',
  'busy',
  'no_answer',
  /** The callee declined the call (SIP 603, Q.850 21). */
  'rejected',
  'failed',
  /** An answering machine or voicemail answered. */
  'machine',
  /** The number is on the campaign's do-not-call list: recorded by the dialer, never dialled. */
  'do_not_call',
  /** The telephony layer lost track of the call. */
  'unknown',
] as const;

export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/**
 * Why an attempt failed. Invalid numbers are never redialled; congestion and network failures are the
 * carrier's or linli's, not the household's (see isInfrastructureFailure).
 */
export type FailureReason = 'invalid_number' | 'congestion' | 'network' | 'preempted' | 'other';

/**
 * A failure of the trunk, the carrier or linli's side (congestion, network out of order, temporary
 * failure, a call ended to free its channel for an SOS): it says nothing about the household's phone,
 * so it never uses up the household's retries.
 */
export function isInfrastructureFailure(attempt: Pick<Attempt, 'outcome' | 'failureReason'>): boolean {
  return (
    attempt.outcome === 'failed' &&
    (attempt.failureReason === 'congestion' ||
      attempt.failureReason === 'network' ||
      attempt.failureReason === 'preempted')
  );
}

/**
 * How many infrastructure failures of one household go uncharged. Past these they count like any
 * failure, so a number the carrier can never route still ends instead of being dialled for ever.
 */
export const UNCHARGED_INFRASTRUCTURE_FAILURES = 3;

export interface AttemptResult {
  outcome: AttemptOutcome;
  /** Set when outcome is `failed`. */
  failureReason: FailureReason | null;
  /** The message was played to an answering machine after its beep. */
  messageLeft: boolean;
}

/** One attempt in a household's history, as the dialer stores it. */
export interface Attempt {
  number: string;
  outcome: AttemptOutcome;
  endedAt: Date;
  failureReason?: FailureReason | null;
  messageLeft?: boolean;
}

/** Outcomes that settle a household whatever the retry policy says. */
const ALWAYS_FINAL_OUTCOMES: readonly AttemptOutcome[] = ['confirmed', 'declined', 'do_not_call'];

/** Outcomes that mean the household heard the message and answered the menu. */
const REACHED_OUTCOMES: readonly AttemptOutcome[] = ['confirmed', 'declined'];

export function isAlwaysFinalOutcome(outcome: AttemptOutcome): boolean {
  return ALWAYS_FINAL_OUTCOMES.includes(outcome);
}

export function isReachedOutcome(outcome: AttemptOutcome): boolean {
  return REACHED_OUTCOMES.includes(outcome);
}
