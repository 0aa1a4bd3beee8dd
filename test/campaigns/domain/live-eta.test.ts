import { type CallingWindow, type EtaInput, estimateEta } from '../../../src/campaigns/domain';
import { sh } from '../../support/shanghai-time';

const daytime: CallingWindow = { start: '08:00', end: '20:30', excludedDates: [] };

const running = (progress: Partial<EtaInput['progress']> = {}, over: Partial<EtaInput> = {}): EtaInput => ({
  progress: {
    households: 2300,
    settledHouseholds: 1000,
    attemptsMade: 1500,
    channelSecondsUsed: 54_000,
    latestScheduledRetry: null,
    ...progress,
  },
  plannedAttemptsPerHousehold: 1.6,
  plannedAttemptSeconds: 36,
  channels: 30,
  callsPerSecond: 10,
  window: daytime,
  ...over,
});

describe('estimateEta', () => {
  it('works out the remaining calling time from the calls seen so far', () => {
    // 2300 × 1.6 = 3680 planned, 1500 made: 2180 left at 36 s on 30 channels = 2616 s.
    const eta = estimateEta(running(), sh('2024-05-01 10:00'));
    expect(eta).toEqual({
      eta: sh('2024-05-01 10:43:36'),
      remainingAttempts: 2180,
      remainingCallingSeconds: 2616,
      settledShare: 1000 / 2300,
      basis: 'observed',
    });
  });

  it('uses the durations seen when they differ from the plan', () => {
    const slower = estimateEta(running({ channelSecondsUsed: 1500 * 72 }), sh('2024-05-01 10:00'));
    expect(slower.remainingCallingSeconds).toBe(2 * 2616);
  });

  it('trusts the plan until enough calls were made', () => {
    const eta = estimateEta(
      running({ settledHouseholds: 5, attemptsMade: 10, channelSecondsUsed: 2000 }),
      sh('2024-05-01 10:00'),
    );
    expect(eta.basis).toBe('planned');
    expect(eta.remainingCallingSeconds).toBe(Math.round(((2300 * 1.6 - 10) * 36) / 30));
  });

  it('expects at least one more call per unsettled household, however far past plan', () => {
    const eta = estimateEta(running({ settledHouseholds: 2000, attemptsMade: 5000 }), sh('2024-05-01 10:00'));
    expect(eta.remainingAttempts).toBe(300);
  });

  it('cannot finish before the last scheduled retry', () => {
    const eta = estimateEta(
      running({ settledHouseholds: 2299, latestScheduledRetry: sh('2024-05-01 11:00') }),
      sh('2024-05-01 10:00'),
    );
    expect(eta.eta).toEqual(sh('2024-05-01 11:00'));
  });

  it('moves work left at closing time to the next morning', () => {
    const eta = estimateEta(running(), sh('2024-05-01 20:00'));
    expect(eta.eta).toEqual(sh('2024-05-02 08:13:36'));
  });

  it('is now when every household is settled', () => {
    const now = sh('2024-05-01 10:00');
    expect(estimateEta(running({ settledHouseholds: 2300 }), now)).toMatchObject({
      eta: now,
      remainingAttempts: 0,
      settledShare: 1,
    });
  });
});
