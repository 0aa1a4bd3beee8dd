import {
  isInfrastructureFailure,
  UNCHARGED_INFRASTRUCTURE_FAILURES,
  type Attempt,
  type AttemptOutcome,
} from './attempt-outcome';
import {
  isFinalAttempt,
  isRetryableOutcome,
  type RetryableOutcome,
  type RetryPolicy,
  roundOutcome,
} from './retry-policy';

export type NextStep =
  | { kind: 'final'; outcome: AttemptOutcome }
  | { kind: 'retry'; number: string; notBefore: Date }
  | { kind: 'exhausted'; lastOutcome: AttemptOutcome | null };

/**
 * What to do next for one household.
 *
 * - `numbers` are the household's numbers in the order to try them. A number that failed as invalid is
 *   never dialled again.
 * - A round is one pass over the household's numbers; a new round starts with an attempt on a number
 *   already tried in the current one. Within a round, after any attempt that did not settle the
 *   household, the next untried number is due at once (`notBefore: now`).
 * - When every dialable number was tried in the round, the round is described by its most telling
 *   outcome (`roundOutcome`), and that outcome's rule decides: retry from the first number after its
 *   delay (counted from the end of the round's last attempt) while rounds ending that way number no
 *   more than 1 + its retries and the household's rounds stay under `maxRoundsPerHousehold`.
 * - The first attempt that settles the household (confirmed, declined, do-not-call, or a machine that
 *   took the message when the policy leaves messages) makes the household final.
 * - Infrastructure failures (congestion, network) are not the household's: the first
 *   UNCHARGED_INFRASTRUCTURE_FAILURES of them are left out, so the same number is due again at once and
 *   the trunk's back-off decides when it is dialled.
 *
 * The first dial of a household is also a `retry` step. `history` may be in any order.
 */
export function nextStep(
  history: readonly Attempt[],
  numbers: readonly string[],
  policy: RetryPolicy,
  now: Date,
): NextStep {
  const attempts = charged([...history].sort((a, b) => a.endedAt.getTime() - b.endedAt.getTime()));
  const settling = attempts.find((attempt) => isFinalAttempt(attempt, policy));
  if (settling) return { kind: 'final', outcome: settling.outcome };

  const invalid = new Set(attempts.filter((a) => a.failureReason === 'invalid_number').map((a) => a.number));
  const dialable = [...new Set(numbers)].filter((number) => !invalid.has(number));
  const last = attempts.at(-1);
  const lastOutcome = last?.outcome ?? null;
  if (dialable.length === 0) return { kind: 'exhausted', lastOutcome };

  const rounds = splitIntoRounds(attempts);
  const current = rounds.at(-1) ?? [];
  const tried = new Set(current.map((attempt) => attempt.number));
  const untried = dialable.find((number) => !tried.has(number));
  if (untried !== undefined) return { kind: 'retry', number: untried, notBefore: now };

  const outcomes = rounds.map(describeRound);
  const latest = outcomes.at(-1);
  // Only narrows types: a completed round has attempts, and every unsettled outcome is retryable.
  if (last === undefined || latest === undefined || latest === null) {
    return { kind: 'exhausted', lastOutcome };
  }
  const rule = policy[latest];
  const roundsEndingSo = outcomes.filter((outcome) => outcome === latest).length;
  if (roundsEndingSo > rule.retries || rounds.length >= policy.maxRoundsPerHousehold) {
    return { kind: 'exhausted', lastOutcome };
  }
  const first = dialable[0] as string;
  return {
    kind: 'retry',
    number: first,
    notBefore: new Date(last.endedAt.getTime() + rule.delayMinutes * 60_000),
  };
}

/** The attempts that count against the household: all but its first few infrastructure failures. */
function charged(attempts: readonly Attempt[]): Attempt[] {
  let uncharged = 0;
  return attempts.filter((attempt) => {
    if (!isInfrastructureFailure(attempt) || uncharged >= UNCHARGED_INFRASTRUCTURE_FAILURES) return true;
    uncharged += 1;
    return false;
  });
}

function splitIntoRounds(attempts: readonly Attempt[]): Attempt[][] {
  const rounds: Attempt[][] = [];
  let current: Attempt[] = [];
  for (const attempt of attempts) {
    if (current.some((earlier) => earlier.number === attempt.number)) {
      rounds.push(current);
      current = [];
    }
    current.push(attempt);
  }
  if (current.length > 0) rounds.push(current);
  return rounds;
}

function describeRound(round: readonly Attempt[]): RetryableOutcome | null {
  return roundOutcome(round.map((attempt) => attempt.outcome).filter(isRetryableOutcome));
}
