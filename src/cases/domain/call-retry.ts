import { firstCallableAt, type QuietHours } from '../timers/quiet-hours';

/** How often an unanswered case call is tried again, and how far apart. */
export interface CallRetryPolicy {
  /** Calls that may ring a person unanswered (busy, no answer) in all, the first included. */
  attempts: number;
  spacingMs: number;
  /** Dials that failed in the engine or the network (nobody's fault), which count as no attempt. */
  infrastructureRetries: number;
  infrastructureSpacingMs: number;
}

/** Where a case call stands: the person's attempts, and every dial (infrastructure failures too). */
export interface CallTry {
  attempt: number;
  dials: number;
}

/** How a dial ended: the port's end causes, or `not-dialled` when the engine refused it before it rang. */
export type DialOutcome =
  | 'answered'
  | 'busy'
  | 'no-answer'
  | 'rejected'
  | 'invalid-number'
  | 'congestion'
  | 'failed'
  | 'unknown'
  | 'not-dialled';

export type RetryDecision =
  | { kind: 'retry'; at: number; next: CallTry; counted: boolean; reason: string }
  | { kind: 'stop'; reason: string };

/**
 * What follows a case call that ended: busy or no answer is the person's, tried again up to the
 * policy's attempts, spaced; the engine or the network failing (congestion, a failed dial, a dial
 * refused before it rang) is nobody's and is tried again without counting. A resident's callback
 * never rings in quiet hours; staff escalation calls (`quiet` null) ring at any hour. An answer, a
 * declined call, a wrong number or an outcome linli lost (it may have rung) ends the call's tries.
 */
export function nextCallTry(input: {
  outcome: DialOutcome;
  tried: CallTry;
  now: number;
  policy: CallRetryPolicy;
  quiet: QuietHours | null;
}): RetryDecision {
  const { outcome, tried, now, policy } = input;
  const callable = (at: number) => (input.quiet ? firstCallableAt(at, input.quiet) : at);
  switch (outcome) {
    case 'busy':
    case 'no-answer': {
      if (tried.attempt >= policy.attempts) {
        return {
          kind: 'stop',
          reason: `${outcome} on attempt ${tried.attempt} of ${policy.attempts}: no more tries`,
        };
      }
      const at = callable(now + policy.spacingMs);
      return {
        kind: 'retry',
        at,
        next: { attempt: tried.attempt + 1, dials: tried.dials + 1 },
        counted: true,
        reason: `${outcome} on attempt ${tried.attempt} of ${policy.attempts}`,
      };
    }
    case 'congestion':
    case 'failed':
    case 'not-dialled': {
      const uncounted = tried.dials - tried.attempt;
      if (uncounted >= policy.infrastructureRetries) {
        return {
          kind: 'stop',
          reason: `${outcome}: the engine failed ${uncounted + 1} times, no more tries`,
        };
      }
      return {
        kind: 'retry',
        at: callable(now + policy.infrastructureSpacingMs),
        next: { attempt: tried.attempt, dials: tried.dials + 1 },
        counted: false,
        reason: `${outcome}: not the person's, attempt ${tried.attempt} of ${policy.attempts} not counted`,
      };
    }
    case 'answered':
    case 'rejected':
    case 'invalid-number':
    case 'unknown':
      return { kind: 'stop', reason: outcome };
  }
}
