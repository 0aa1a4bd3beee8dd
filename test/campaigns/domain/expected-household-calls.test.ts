import {
  type Attempt,
  type CallStatistics,
  DEFAULT_CALL_STATISTICS,
  DEFAULT_RETRY_POLICY,
  type DialledOutcome,
  expectHouseholdCalls,
  nextStep,
  type RetryPolicy,
} from '../../../src/campaigns/domain';
import { minutes } from '../../support/shanghai-time';

const MESSAGE_MS = 20_000;
const TALK_MS = MESSAGE_MS * 1.3 + 5_000;

function only(shares: Partial<Record<DialledOutcome, number>>): CallStatistics {
  const zero = Object.fromEntries(Object.keys(DEFAULT_CALL_STATISTICS.outcomeShares).map((k) => [k, 0]));
  return {
    ...DEFAULT_CALL_STATISTICS,
    outcomeShares: { ...zero, ...shares } as Record<DialledOutcome, number>,
  };
}

describe('expectHouseholdCalls', () => {
  it('a household that always confirms takes one answered call', () => {
    const e = expectHouseholdCalls(1, only({ confirmed: 1 }), DEFAULT_RETRY_POLICY, MESSAGE_MS);
    expect(e).toMatchObject({
      rounds: 1,
      attempts: 1,
      retriedProbability: 0,
      reachedProbability: 1,
      retryDelayMs: 0,
    });
    expect(e.channelMs).toBeCloseTo(12_000 + TALK_MS);
  });

  it.each<[string, number, Partial<Record<DialledOutcome, number>>, RetryPolicy, number, number, number]>([
    ['always busy: three rounds 5 min apart', 1, { busy: 1 }, DEFAULT_RETRY_POLICY, 3, 3, minutes(10)],
    [
      'always busy, two numbers: three rounds of two calls',
      2,
      { busy: 1 },
      DEFAULT_RETRY_POLICY,
      3,
      6,
      minutes(10),
    ],
    [
      'never answered: three rounds 15 min apart',
      1,
      { no_answer: 1 },
      DEFAULT_RETRY_POLICY,
      3,
      3,
      minutes(30),
    ],
    [
      'capped at two rounds',
      1,
      { no_answer: 1 },
      { ...DEFAULT_RETRY_POLICY, maxRoundsPerHousehold: 2 },
      2,
      2,
      minutes(15),
    ],
    [
      'machines taking the message settle at once',
      1,
      { machine: 1 },
      { ...DEFAULT_RETRY_POLICY, machine: { retries: 2, delayMinutes: 15, leaveMessage: true } },
      1,
      1,
      0,
    ],
    [
      'two numbers, one always busy and one confirming: one round',
      2,
      { busy: 0.5, confirmed: 0.5 },
      DEFAULT_RETRY_POLICY,
      // Rounds: 1 + P(both busy) = 1.25 (2nd round) + 0.0625 (3rd) = 1.3125.
      1.3125,
      1.3125 * 1.5,
      minutes(5) * 0.3125,
    ],
  ])('%s', (_case, numbers, shares, policy, rounds, attempts, delay) => {
    const e = expectHouseholdCalls(numbers, only(shares), policy, MESSAGE_MS);
    expect(e.rounds).toBeCloseTo(rounds, 6);
    expect(e.attempts).toBeCloseTo(attempts, 6);
    expect(e.retryDelayMs).toBeCloseTo(delay, 3);
  });

  it('expects nothing for a household without numbers', () => {
    expect(expectHouseholdCalls(0, DEFAULT_CALL_STATISTICS, DEFAULT_RETRY_POLICY, MESSAGE_MS).attempts).toBe(
      0,
    );
  });

  it('reaches more households with a second number', () => {
    const one = expectHouseholdCalls(1, DEFAULT_CALL_STATISTICS, DEFAULT_RETRY_POLICY, MESSAGE_MS);
    const two = expectHouseholdCalls(2, DEFAULT_CALL_STATISTICS, DEFAULT_RETRY_POLICY, MESSAGE_MS);
    expect(two.reachedProbability).toBeGreaterThan(one.reachedProbability);
    expect(two.attempts).toBeGreaterThan(one.attempts);
  });

  it('refuses statistics with no attempts in them', () => {
    expect(() => expectHouseholdCalls(1, only({}), DEFAULT_RETRY_POLICY, MESSAGE_MS)).toThrow(RangeError);
  });

  it.each([1, 2, 3])(
    'agrees with nextStep played out on 20,000 simulated households with %s numbers',
    (numberCount) => {
      const statistics = DEFAULT_CALL_STATISTICS;
      const expected = expectHouseholdCalls(numberCount, statistics, DEFAULT_RETRY_POLICY, MESSAGE_MS);
      const outcomes = Object.entries(statistics.outcomeShares) as [DialledOutcome, number][];
      let seed = 12345;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const draw = (): DialledOutcome => {
        let r = random();
        for (const [outcome, share] of outcomes) {
          if ((r -= share) < 0) return outcome;
        }
        return 'confirmed';
      };
      const numbers = ['+8613800000001', '+8613800000002', '+8613800000003'].slice(0, numberCount);
      const households = 20_000;
      let attempts = 0;
      let reached = 0;
      for (let h = 0; h < households; h += 1) {
        const history: Attempt[] = [];
        let clock = 0;
        for (;;) {
          const step = nextStep(history, numbers, DEFAULT_RETRY_POLICY, new Date(clock));
          if (step.kind !== 'retry') {
            if (step.kind === 'final' && (step.outcome === 'confirmed' || step.outcome === 'declined'))
              reached += 1;
            break;
          }
          clock = Math.max(clock, step.notBefore.getTime()) + 1000;
          history.push({ number: step.number, outcome: draw(), endedAt: new Date(clock) });
          attempts += 1;
        }
      }
      expect(attempts / households).toBeCloseTo(expected.attempts, 1);
      expect(reached / households).toBeCloseTo(expected.reachedProbability, 1);
    },
  );
});
