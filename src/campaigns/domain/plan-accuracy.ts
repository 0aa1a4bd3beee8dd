import type { CapacityPlan } from './capacity-planner';

export interface ActualCampaignResult {
  endedAt: Date;
  attempts: number;
  channelSeconds: number;
}

interface PredictedVsActual {
  predicted: number;
  actual: number;
  /** (actual - predicted) / predicted; null when nothing was predicted. */
  relativeError: number | null;
}

export interface PlanComparison {
  predictedEnd: Date;
  actualEnd: Date;
  /** Positive: the campaign finished later than predicted. */
  endErrorMinutes: number;
  /** Wall-clock duration from `startsAt`, compared. */
  duration: PredictedVsActual;
  attempts: PredictedVsActual;
  channelSeconds: PredictedVsActual;
}

/** How far a finished campaign strayed from its plan, to judge and tune the planner. */
export function comparePlanWithActual(plan: CapacityPlan, actual: ActualCampaignResult): PlanComparison {
  const start = plan.startsAt.getTime();
  return {
    predictedEnd: plan.predictedEnd,
    actualEnd: actual.endedAt,
    endErrorMinutes: (actual.endedAt.getTime() - plan.predictedEnd.getTime()) / 60_000,
    duration: compare(
      (plan.predictedEnd.getTime() - start) / 1000,
      (actual.endedAt.getTime() - start) / 1000,
    ),
    attempts: compare(plan.predictedAttempts, actual.attempts),
    channelSeconds: compare(plan.channelSeconds, actual.channelSeconds),
  };
}

function compare(predicted: number, actual: number): PredictedVsActual {
  return { predicted, actual, relativeError: predicted === 0 ? null : (actual - predicted) / predicted };
}
