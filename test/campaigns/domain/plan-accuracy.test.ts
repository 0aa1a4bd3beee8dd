import {
  type CapacityPlan,
  comparePlanWithActual,
  DEFAULT_CALL_STATISTICS,
} from '../../../src/campaigns/domain';
import { sh } from '../../support/shanghai-time';

const plan: CapacityPlan = {
  startsAt: sh('2024-05-01 09:00'),
  predictedEnd: sh('2024-05-01 11:00'),
  predictedAttempts: 4000,
  channelSeconds: 150_000,
  lowerBoundSeconds: 5000,
  callingSeconds: 7200,
  predictedReachedHouseholds: 2100,
  statistics: DEFAULT_CALL_STATISTICS,
};

describe('comparePlanWithActual', () => {
  it('reports a campaign that ran half an hour late and needed more attempts', () => {
    const comparison = comparePlanWithActual(plan, {
      endedAt: sh('2024-05-01 11:30'),
      attempts: 4400,
      channelSeconds: 150_000,
    });
    expect(comparison).toEqual({
      predictedEnd: sh('2024-05-01 11:00'),
      actualEnd: sh('2024-05-01 11:30'),
      endErrorMinutes: 30,
      duration: { predicted: 7200, actual: 9000, relativeError: 0.25 },
      attempts: { predicted: 4000, actual: 4400, relativeError: 0.1 },
      channelSeconds: { predicted: 150_000, actual: 150_000, relativeError: 0 },
    });
  });

  it('reports finishing early as a negative error', () => {
    const comparison = comparePlanWithActual(plan, {
      endedAt: sh('2024-05-01 10:00'),
      attempts: 3000,
      channelSeconds: 120_000,
    });
    expect(comparison.endErrorMinutes).toBe(-60);
    expect(comparison.attempts.relativeError).toBe(-0.25);
  });

  it('has no relative error when nothing was predicted', () => {
    const empty = { ...plan, predictedAttempts: 0, channelSeconds: 0 };
    const comparison = comparePlanWithActual(empty, {
      endedAt: sh('2024-05-01 11:00'),
      attempts: 0,
      channelSeconds: 0,
    });
    expect(comparison.attempts.relativeError).toBeNull();
  });
});
