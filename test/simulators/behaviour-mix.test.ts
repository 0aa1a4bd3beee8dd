import { formatPhoneBehaviour, phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { assignBehaviours } from '../../simulators/population/behaviour-mix';

const numbers = Array.from({ length: 1000 }, (_, i) => `+8617000${String(i + 1).padStart(6, '0')}`);

function counts(plan: ReturnType<typeof assignBehaviours>['plan']): Record<string, number> {
  const result: Record<string, number> = {};
  for (const entry of plan) {
    const text = formatPhoneBehaviour(entry.behaviour);
    result[text] = (result[text] ?? 0) + 1;
  }
  return result;
}

describe('behaviour mix', () => {
  it('follows the default mix exactly for 1000 numbers', () => {
    const { plan } = assignBehaviours(numbers);
    expect(plan.map((e) => e.number)).toEqual(numbers);
    expect(counts(plan)).toEqual({
      'press:1': 620,
      'press:2': 80,
      busy: 80,
      'no-answer': 100,
      decline: 30,
      silent: 50,
      machine: 40,
    });
  });

  it('shuffles by seed: same seed same plan, another seed another order', () => {
    const a = assignBehaviours(numbers, { seed: 1 }).plan;
    expect(assignBehaviours(numbers, { seed: 1 }).plan).toEqual(a);
    expect(assignBehaviours(numbers, { seed: 2 }).plan).not.toEqual(a);
  });

  it('rounds a custom mix to whole calls and says what linli should record for each number', () => {
    const mix = [
      { behaviour: phoneBehaviour('press:3'), weight: 1 },
      { behaviour: phoneBehaviour('busy'), weight: 1 },
      { behaviour: phoneBehaviour('reject:404'), weight: 1 },
    ];
    const { plan, expected } = assignBehaviours(numbers.slice(0, 10), { mix });
    expect(Object.values(counts(plan)).sort()).toEqual([3, 3, 4]);
    for (const entry of plan) {
      const outcome = expected[entry.number];
      if (entry.behaviour.kind === 'press')
        expect(outcome).toMatchObject({ outcome: 'answered', digit: '3' });
      if (entry.behaviour.kind === 'busy')
        expect(outcome).toMatchObject({ outcome: 'busy', hangupCause: 17 });
      if (entry.behaviour.kind === 'reject')
        expect(outcome).toMatchObject({ outcome: 'failed', hangupCause: 1 });
    }
  });

  it('refuses an empty mix and repeated numbers', () => {
    expect(() => assignBehaviours(numbers, { mix: [] })).toThrow(/at least one share/);
    expect(() => assignBehaviours(['+8617000000001', '+8617000000001'])).toThrow(/must not repeat/);
  });
});
