import {
  MIN_ATTEMPTS_FOR_HISTORY,
  statisticsFromAttempts,
  type EndedAttempt,
} from '../../src/campaigns/create/call-history';

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1) + seconds * 1000);

function attempts(count: number, make: (i: number) => EndedAttempt): EndedAttempt[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

describe('the planner’s statistics from earlier campaigns', () => {
  it('are not trusted below a minimum number of attempts', () => {
    const few = attempts(MIN_ATTEMPTS_FOR_HISTORY - 1, () => ({
      outcome: 'busy',
      startedAt: at(0),
      answeredAt: null,
      endedAt: at(3),
    }));
    expect(statisticsFromAttempts(few)).toBeNull();
  });

  it('measure outcome shares, ringing, talk and set-up times', () => {
    const history = [
      ...attempts(60, () => ({
        outcome: 'confirmed',
        startedAt: at(0),
        answeredAt: at(10),
        endedAt: at(40),
      })),
      ...attempts(20, () => ({ outcome: 'no_answer', startedAt: at(0), answeredAt: null, endedAt: at(30) })),
      ...attempts(20, () => ({ outcome: 'busy', startedAt: at(0), answeredAt: null, endedAt: at(2) })),
      ...attempts(5, () => ({ outcome: 'do_not_call', startedAt: at(0), answeredAt: null, endedAt: at(0) })),
    ];
    const statistics = statisticsFromAttempts(history);
    expect(statistics).toMatchObject({
      outcomeShares: { confirmed: 60, no_answer: 20, busy: 20, declined: 0 },
      meanRingMs: 10_000,
      meanTalkMs: 30_000,
      meanNoAnswerRingMs: 30_000,
      meanUnansweredSetupMs: 2_000,
    });
  });
});
