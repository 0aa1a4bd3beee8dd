import type { ExpectedOutcome } from '../phone/expected-outcome';
import { expectedOutcome } from '../phone/expected-outcome';
import type { PhoneBehaviour } from '../phone/phone-behaviour';
import { phoneBehaviour } from '../phone/phone-behaviour';
import type { NumberPlanEntry } from '../pstn/number-plan';
import { seededRandom } from './seeded-random';

export interface BehaviourShare {
  readonly behaviour: PhoneBehaviour;
  /** Relative weight; the default mix uses percentages. */
  readonly weight: number;
}

/** How a village answers a notification call, roughly. */
export const DEFAULT_BEHAVIOUR_MIX: readonly BehaviourShare[] = [
  { behaviour: phoneBehaviour('press:1'), weight: 62 },
  { behaviour: phoneBehaviour('press:2'), weight: 8 },
  { behaviour: phoneBehaviour('busy'), weight: 8 },
  { behaviour: phoneBehaviour('no-answer'), weight: 10 },
  { behaviour: phoneBehaviour('decline'), weight: 3 },
  { behaviour: phoneBehaviour('silent'), weight: 5 },
  { behaviour: phoneBehaviour('machine'), weight: 4 },
];

export interface AssignedBehaviours {
  readonly plan: readonly NumberPlanEntry[];
  /** Per number (as given), what linli should record for a call to it. */
  readonly expected: Readonly<Record<string, ExpectedOutcome>>;
}

/**
 * Gives every number a behaviour so that the counts follow the mix as closely as whole numbers
 * allow (largest remainders), shuffled by the seed: 1000 numbers with the default mix get exactly
 * 620 press:1, 80 busy, and so on.
 */
export function assignBehaviours(
  numbers: readonly string[],
  options: { readonly mix?: readonly BehaviourShare[]; readonly seed?: string | number } = {},
): AssignedBehaviours {
  const mix = options.mix ?? DEFAULT_BEHAVIOUR_MIX;
  const total = mix.reduce((sum, share) => sum + share.weight, 0);
  if (mix.length === 0 || !(total > 0) || mix.some((share) => !(share.weight >= 0))) {
    throw new Error(
      'a behaviour mix needs at least one share and non-negative weights that add up to more than 0',
    );
  }
  if (new Set(numbers).size !== numbers.length) throw new Error('numbers must not repeat');

  const exact = mix.map((share) => (share.weight / total) * numbers.length);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) }));
  byRemainder.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let missing = numbers.length - counts.reduce((sum, count) => sum + count, 0);
  for (const { index } of byRemainder) {
    if (missing-- <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
  }

  const behaviours = mix.flatMap((share, index) =>
    Array<PhoneBehaviour>(counts[index] ?? 0).fill(share.behaviour),
  );
  const shuffled = seededRandom(options.seed ?? 'linli-behaviours').shuffle(behaviours);
  const plan = numbers.map((number, index) => ({ number, behaviour: shuffled[index] as PhoneBehaviour }));
  const expected = Object.fromEntries(plan.map((entry) => [entry.number, expectedOutcome(entry.behaviour)]));
  return { plan, expected };
}
