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

/** Why an attempt failed; only invalid numbers change what is dialled next (they are never redialled). */
export type FailureReason = 'invalid_number' | 'congestion' | 'network' | 'other';

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
export const ALWAYS_FINAL_OUTCOMES: readonly AttemptOutcome[] = ['confirmed', 'declined', 'do_not_call'];

/** Outcomes that mean the household heard the message and answered the menu. */
export const REACHED_OUTCOMES: readonly AttemptOutcome[] = ['confirmed', 'declined'];

export function isAlwaysFinalOutcome(outcome: AttemptOutcome): boolean {
  return ALWAYS_FINAL_OUTCOMES.includes(outcome);
}

export function isReachedOutcome(outcome: AttemptOutcome): boolean {
  return REACHED_OUTCOMES.includes(outcome);
}
