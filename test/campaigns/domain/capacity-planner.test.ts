import {
  type CallingWindow,
  type CallStatistics,
  type CapacityPlanInput,
  DEFAULT_CALL_STATISTICS,
  DEFAULT_RETRY_POLICY,
  planCapacity,
} from '../../../src/campaigns/domain';
import { sh } from '../../support/shanghai-time';

const daytime: CallingWindow = { start: '08:00', end: '20:30', excludedDates: [] };

const village = (over: Partial<CapacityPlanInput> = {}): CapacityPlanInput => ({
  start: sh('2024-05-01 09:00'),
  households: 2300,
  numbers: 2990,
  channels: 30,
  callsPerSecond: 10,
  messageDurationMs: 20_000,
  window: daytime,
  retry: DEFAULT_RETRY_POLICY,
  history: null,
  ...over,
});

const everyoneConfirms: CallStatistics = {
  ...DEFAULT_CALL_STATISTICS,
  outcomeShares: {
    confirmed: 1,
    declined: 0,
    answered_no_digit: 0,
    busy: 0,
    no_answer: 0,
    rejected: 0,
    failed: 0,
    machine: 0,
    unknown: 0,
  },
  meanRingMs: 10_000,
  meanTalkMs: 20_000,
};

describe('planCapacity', () => {
  it('matches a hand-worked plan: 30 households who all confirm, 30 channels', () => {
    const plan = planCapacity(village({ households: 30, numbers: 30, history: everyoneConfirms }));
    expect(plan).toMatchObject({
      predictedAttempts: 30,
      channelSeconds: 900,
      lowerBoundSeconds: 30,
      callingSeconds: 30,
      predictedReachedHouseholds: 30,
    });
    expect(plan.predictedEnd).toEqual(sh('2024-05-01 09:00:30'));
  });

  it('is bounded by calls per second when calls are short', () => {
    const plan = planCapacity(
      village({ households: 600, numbers: 600, channels: 300, callsPerSecond: 2, history: everyoneConfirms }),
    );
    expect(plan.lowerBoundSeconds).toBe(60);
    expect(plan.callingSeconds).toBe(300);
  });

  it('is sane for the 2,300-household nucleic-acid notice', () => {
    const plan = planCapacity(village());
    expect(plan.predictedAttempts).toBeGreaterThan(2300);
    expect(plan.predictedAttempts).toBeLessThan(2300 * DEFAULT_RETRY_POLICY.maxRoundsPerHousehold * 2);
    expect(plan.lowerBoundSeconds).toBe(Math.round(plan.channelSeconds / 30));
    expect(plan.callingSeconds).toBeGreaterThanOrEqual(plan.lowerBoundSeconds);
    expect(plan.predictedEnd.getTime()).toBeGreaterThanOrEqual(
      plan.startsAt.getTime() + plan.lowerBoundSeconds * 1000,
    );
    expect(plan.predictedReachedHouseholds).toBeLessThanOrEqual(2300);
    expect(plan.predictedReachedHouseholds).toBeGreaterThan(2300 * 0.6);
    // About 1.6 attempts of ~36 s each per household on 30 channels: between one and three hours.
    expect(plan.callingSeconds).toBeGreaterThan(3600);
    expect(plan.callingSeconds).toBeLessThan(3 * 3600);
    expect(plan.statistics).toBe(DEFAULT_CALL_STATISTICS);
  });

  it('waits for the window to open and carries over to the next morning', () => {
    const early = planCapacity(
      village({ start: sh('2024-05-01 06:00'), households: 30, numbers: 30, history: everyoneConfirms }),
    );
    expect(early.startsAt).toEqual(sh('2024-05-01 08:00'));
    const late = planCapacity(
      village({ start: sh('2024-05-01 20:29:50'), households: 30, numbers: 30, history: everyoneConfirms }),
    );
    expect(late.predictedEnd).toEqual(sh('2024-05-02 08:00:20'));
  });

  it('cannot end before the retry chain of a household that needs retries', () => {
    const plan = planCapacity(village({ households: 1, numbers: 1 }));
    expect(plan.callingSeconds).toBeGreaterThan(15 * 60);
  });

  it('predicts nothing to do for an empty audience', () => {
    const plan = planCapacity(village({ households: 0, numbers: 0 }));
    expect(plan).toMatchObject({ predictedAttempts: 0, channelSeconds: 0, callingSeconds: 0 });
    expect(plan.predictedEnd).toEqual(plan.startsAt);
  });

  const answeringVillage: CallStatistics = {
    ...DEFAULT_CALL_STATISTICS,
    outcomeShares: { ...DEFAULT_CALL_STATISTICS.outcomeShares, confirmed: 0.8, no_answer: 0.05, busy: 0.03 },
  };

  it.each<
    [
      string,
      Partial<CapacityPlanInput>,
      Partial<CapacityPlanInput>,
      'later' | 'earlier' | 'either',
      'more' | 'fewer' | 'same',
    ]
  >([
    [
      'more households',
      { households: 1000, numbers: 1300 },
      { households: 2000, numbers: 2600 },
      'later',
      'more',
    ],
    ['more channels', { channels: 10 }, { channels: 40 }, 'earlier', 'same'],
    ['fewer calls per second', { callsPerSecond: 10 }, { callsPerSecond: 0.2 }, 'later', 'same'],
    ['a longer message', { messageDurationMs: 15_000 }, { messageDurationMs: 60_000 }, 'later', 'same'],
    [
      'more retries',
      {},
      { retry: { ...DEFAULT_RETRY_POLICY, no_answer: { retries: 5, delayMinutes: 15 } } },
      'later',
      'more',
    ],
    // Answered calls hold a channel longer than unanswered ones, so the end may move either way.
    ['a village that answers more', {}, { history: answeringVillage }, 'either', 'fewer'],
    ['a later start', {}, { start: sh('2024-05-01 15:00') }, 'later', 'same'],
  ])('%s', (_case, before, after, end, attempts) => {
    const a = planCapacity(village(before));
    const b = planCapacity(village(after));
    if (end === 'later') expect(b.predictedEnd.getTime()).toBeGreaterThan(a.predictedEnd.getTime());
    if (end === 'earlier') expect(b.predictedEnd.getTime()).toBeLessThan(a.predictedEnd.getTime());
    if (attempts === 'more') expect(b.predictedAttempts).toBeGreaterThan(a.predictedAttempts);
    if (attempts === 'fewer') expect(b.predictedAttempts).toBeLessThan(a.predictedAttempts);
    if (attempts === 'same') expect(b.predictedAttempts).toBe(a.predictedAttempts);
  });

  it('never ends earlier as the audience grows', () => {
    let previous = 0;
    for (let households = 0; households <= 5000; households += 250) {
      const end = planCapacity(
        village({ households, numbers: Math.round(households * 1.3) }),
      ).predictedEnd.getTime();
      expect(end).toBeGreaterThanOrEqual(previous);
      previous = end;
    }
  });
});
