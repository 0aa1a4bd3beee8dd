import { addCallingTime, nextWindowOpening } from './calling-window';
import { type CallStatistics, DEFAULT_CALL_STATISTICS } from './call-statistics';
import type { CallingWindow } from './campaign-definition';
import { expectHouseholdCalls, type HouseholdCallExpectation } from './expected-household-calls';
import type { RetryPolicy } from './retry-policy';

export interface CapacityPlanInput {
  /** When the campaign is launched. */
  start: Date;
  households: number;
  /** Dialable numbers over all households, after de-duplication. */
  numbers: number;
  /** Channels the campaign can count on: its cap, or the trunk's when it has none. */
  channels: number;
  callsPerSecond: number;
  messageDurationMs: number;
  window: CallingWindow;
  retry: RetryPolicy;
  /** Statistics of earlier campaigns; null uses `DEFAULT_CALL_STATISTICS`. */
  history: CallStatistics | null;
}

export interface CapacityPlan {
  /** First instant calls may start. */
  startsAt: Date;
  predictedEnd: Date;
  predictedAttempts: number;
  /** Channel time all attempts hold, summed. */
  channelSeconds: number;
  /** No campaign can finish in less calling time than this: channel-seconds / channels. */
  lowerBoundSeconds: number;
  /** Calling time (inside the window) the plan expects. */
  callingSeconds: number;
  predictedReachedHouseholds: number;
  statistics: CallStatistics;
}

/**
 * Predicts how long a campaign takes. Calling time is the longer of (a) the work itself, bounded by
 * channels and calls per second, and (b) the first round over every household followed by the retry
 * chain of a household that needs retries (their delays cannot be compressed by more channels). That
 * calling time is laid onto the calendar inside the calling window.
 */
export function planCapacity(input: CapacityPlanInput): CapacityPlan {
  const statistics = input.history ?? DEFAULT_CALL_STATISTICS;
  const startsAt = nextWindowOpening(input.start, input.window);
  const cohorts = householdCohorts(input.households, input.numbers).map(({ count, numberCount }) => ({
    count,
    expected: expectHouseholdCalls(numberCount, statistics, input.retry, input.messageDurationMs),
  }));
  const total = (pick: (e: HouseholdCallExpectation) => number): number =>
    cohorts.reduce((sum, { count, expected }) => sum + count * pick(expected), 0);

  const attempts = total((e) => e.attempts);
  const channelMs = total((e) => e.channelMs);
  const busyMs = (channelTime: number, attemptCount: number): number =>
    Math.max(channelTime / input.channels, (attemptCount / input.callsPerSecond) * 1000);
  const retryChainMs = Math.max(
    0,
    ...cohorts.map(({ count, expected }) => (count > 0 ? retryChain(expected) : 0)),
  );
  const firstRoundMs = busyMs(
    total((e) => e.firstRoundChannelMs),
    total((e) => e.firstRoundAttempts),
  );
  const callingMs = Math.max(busyMs(channelMs, attempts), firstRoundMs + retryChainMs);

  return {
    startsAt,
    predictedEnd: addCallingTime(startsAt, callingMs, input.window),
    predictedAttempts: Math.round(attempts),
    channelSeconds: Math.round(channelMs / 1000),
    lowerBoundSeconds: Math.round(channelMs / input.channels / 1000),
    callingSeconds: Math.round(callingMs / 1000),
    predictedReachedHouseholds: Math.round(total((e) => e.reachedProbability)),
    statistics,
  };
}

/**
 * Splits households into those with ⌊n⌋ and ⌈n⌉ numbers, n being numbers per household, so the
 * number total is kept.
 */
function householdCohorts(households: number, numbers: number): { count: number; numberCount: number }[] {
  if (households <= 0) return [];
  const perHousehold = numbers / households;
  const fewer = Math.floor(perHousehold);
  const moreShare = perHousehold - fewer;
  return [
    { count: households * (1 - moreShare), numberCount: fewer },
    { count: households * moreShare, numberCount: fewer + 1 },
  ];
}

/** Expected delays plus later-round calls of a household, given that it is retried at all. */
function retryChain(expected: HouseholdCallExpectation): number {
  if (expected.retriedProbability === 0) return 0;
  const laterRoundsMs = expected.channelMs - expected.firstRoundChannelMs;
  return (expected.retryDelayMs + laterRoundsMs) / expected.retriedProbability;
}
