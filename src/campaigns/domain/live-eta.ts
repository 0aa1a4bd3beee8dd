import { addCallingTime, nextWindowOpening } from './calling-window';
import type { CallingWindow } from './campaign-definition';

interface CampaignProgress {
  households: number;
  /** Households that are final or exhausted. */
  settledHouseholds: number;
  attemptsMade: number;
  channelSecondsUsed: number;
  /** The latest `notBefore` among retries already scheduled; null when none is. */
  latestScheduledRetry: Date | null;
}

export interface EtaInput {
  progress: CampaignProgress;
  /** The plan's attempts per household, used for the work still to do. */
  plannedAttemptsPerHousehold: number;
  /** The plan's channel time per attempt, used until enough attempts were seen. */
  plannedAttemptSeconds: number;
  channels: number;
  callsPerSecond: number;
  window: CallingWindow;
}

export interface Eta {
  eta: Date;
  remainingAttempts: number;
  remainingCallingSeconds: number;
  /** Share of households settled, 0 to 1. */
  settledShare: number;
  /** Whether attempt durations come from this campaign's own calls or from the plan. */
  basis: 'observed' | 'planned';
}

/** Below this many attempts a campaign's own mean duration is too noisy to trust over the plan. */
const MIN_ATTEMPTS_FOR_OBSERVED_RATES = 30;

/**
 * When a running campaign will finish. Remaining attempts are the plan's total less those made, but at
 * least one per unsettled household; the campaign cannot end before its last scheduled retry.
 */
export function estimateEta(input: EtaInput, now: Date): Eta {
  const { progress } = input;
  const unsettled = Math.max(0, progress.households - progress.settledHouseholds);
  const settledShare = progress.households === 0 ? 1 : progress.settledHouseholds / progress.households;
  const observed = progress.attemptsMade >= MIN_ATTEMPTS_FOR_OBSERVED_RATES;
  const basis = observed ? 'observed' : 'planned';
  if (unsettled === 0)
    return { eta: now, remainingAttempts: 0, remainingCallingSeconds: 0, settledShare, basis };

  const plannedTotal = progress.households * input.plannedAttemptsPerHousehold;
  const remainingAttempts = Math.max(unsettled, Math.ceil(plannedTotal - progress.attemptsMade));
  const attemptSeconds = observed
    ? progress.channelSecondsUsed / progress.attemptsMade
    : input.plannedAttemptSeconds;
  const remainingCallingSeconds = Math.max(
    (remainingAttempts * attemptSeconds) / input.channels,
    remainingAttempts / input.callsPerSecond,
  );
  const byWork = addCallingTime(now, remainingCallingSeconds * 1000, input.window);
  const byRetries =
    progress.latestScheduledRetry === null
      ? now
      : nextWindowOpening(progress.latestScheduledRetry, input.window);
  return {
    eta: byWork > byRetries ? byWork : byRetries,
    remainingAttempts,
    remainingCallingSeconds: Math.round(remainingCallingSeconds),
    settledShare,
    basis,
  };
}
