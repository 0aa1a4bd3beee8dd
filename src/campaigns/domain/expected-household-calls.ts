import {
  attemptDurationMs,
  type CallStatistics,
  type DialledOutcome,
  outcomeProbabilities,
} from './call-statistics';
import { RETRYABLE_OUTCOMES, type RetryableOutcome, type RetryPolicy } from './retry-policy';

/** Expected values for one household under `nextStep`'s rules; see `expectHouseholdCalls`. */
export interface HouseholdCallExpectation {
  rounds: number;
  attempts: number;
  channelMs: number;
  firstRoundAttempts: number;
  firstRoundChannelMs: number;
  /** Waiting between rounds, summed over the household's rounds. */
  retryDelayMs: number;
  /** Chance the household needs a second round. */
  retriedProbability: number;
  /** Chance the household ends confirmed or declined. */
  reachedProbability: number;
}

const NOTHING: HouseholdCallExpectation = {
  rounds: 0,
  attempts: 0,
  channelMs: 0,
  firstRoundAttempts: 0,
  firstRoundChannelMs: 0,
  retryDelayMs: 0,
  retriedProbability: 0,
  reachedProbability: 0,
};

/**
 * Expected calling effort for a household with `numberCount` numbers, assuming each attempt ends
 * independently with the shares in `statistics` and that a machine always takes the message when the
 * policy leaves messages. Rounds are identically distributed, so totals are expected rounds × one round.
 */
export function expectHouseholdCalls(
  numberCount: number,
  statistics: CallStatistics,
  policy: RetryPolicy,
  messageDurationMs: number,
): HouseholdCallExpectation {
  if (numberCount < 1) return NOTHING;
  const p = outcomeProbabilities(statistics);
  const reachedPerAttempt = p.confirmed + p.declined;
  const settlesPerAttempt = reachedPerAttempt + (policy.machine.leaveMessage ? p.machine : 0);
  const retryable = RETRYABLE_OUTCOMES.map((outcome) =>
    outcome === 'machine' && policy.machine.leaveMessage ? 0 : p[outcome],
  );

  const continuing = 1 - settlesPerAttempt;
  let attemptsPerRound = 0;
  for (let j = 0; j < numberCount; j += 1) attemptsPerRound += continuing ** j;
  const meanAttemptMs = (Object.keys(p) as DialledOutcome[]).reduce(
    (sum, outcome) => sum + p[outcome] * attemptDurationMs(outcome, statistics, messageDurationMs),
    0,
  );
  const settlesInRound = 1 - continuing ** numberCount;
  const reachedShare = settlesPerAttempt > 0 ? reachedPerAttempt / settlesPerAttempt : 0;
  const roundEndings = roundOutcomeProbabilities(retryable, numberCount);

  const budget = expectRounds(roundEndings, policy);
  return {
    rounds: budget.rounds,
    attempts: budget.rounds * attemptsPerRound,
    channelMs: budget.rounds * attemptsPerRound * meanAttemptMs,
    firstRoundAttempts: attemptsPerRound,
    firstRoundChannelMs: attemptsPerRound * meanAttemptMs,
    retryDelayMs: budget.delayMs,
    retriedProbability: budget.retriedProbability,
    reachedProbability: budget.rounds * settlesInRound * reachedShare,
  };
}

/**
 * Chance a round over k numbers ends unsettled with each round outcome: all k attempts unsettled and
 * the most telling of them being that outcome.
 */
function roundOutcomeProbabilities(
  retryable: readonly number[],
  numberCount: number,
): Map<RetryableOutcome, number> {
  const endings = new Map<RetryableOutcome, number>();
  RETRYABLE_OUTCOMES.forEach((outcome, rank) => {
    const atOrBelow = retryable.slice(rank).reduce((sum, share) => sum + share, 0);
    const below = retryable.slice(rank + 1).reduce((sum, share) => sum + share, 0);
    endings.set(outcome, atOrBelow ** numberCount - below ** numberCount);
  });
  return endings;
}

/** Walks the retry budget round by round, merging households that have used it up the same way. */
function expectRounds(
  endings: ReadonlyMap<RetryableOutcome, number>,
  policy: RetryPolicy,
): { rounds: number; delayMs: number; retriedProbability: number } {
  let frontier = new Map<string, { used: number[]; probability: number }>([
    ['', { used: RETRYABLE_OUTCOMES.map(() => 0), probability: 1 }],
  ]);
  let rounds = 0;
  let delayMs = 0;
  let retriedProbability = 0;
  for (let round = 1; frontier.size > 0; round += 1) {
    const next = new Map<string, { used: number[]; probability: number }>();
    for (const { used, probability } of frontier.values()) {
      rounds += probability;
      RETRYABLE_OUTCOMES.forEach((outcome, rank) => {
        const reaching = probability * (endings.get(outcome) ?? 0);
        const afterwards = used.map((count, i) => (i === rank ? count + 1 : count));
        const allowed =
          (afterwards[rank] ?? 0) <= policy[outcome].retries && round < policy.maxRoundsPerHousehold;
        if (reaching === 0 || !allowed) return;
        delayMs += reaching * policy[outcome].delayMinutes * 60_000;
        if (round === 1) retriedProbability += reaching;
        const key = afterwards.join(',');
        const merged = next.get(key);
        next.set(key, { used: afterwards, probability: (merged?.probability ?? 0) + reaching });
      });
    }
    frontier = next;
  }
  return { rounds, delayMs, retriedProbability };
}
