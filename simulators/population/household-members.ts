import { personName, surname as randomSurname, type Generation, type Sex } from './chinese-names';
import type { HouseholdMember } from './population-types';
import type { SeededRandom } from './seeded-random';

/** Households as a village's records show them; many elders live alone or as a couple (空巢). */
export type HouseholdKind =
  | 'elder-alone'
  | 'elder-couple'
  | 'three-generations'
  | 'couple-with-children'
  | 'couple-children-away'
  | 'single-adult';

const KIND_WEIGHTS: readonly (readonly [HouseholdKind, number])[] = [
  ['elder-alone', 9],
  ['elder-couple', 14],
  ['three-generations', 25],
  ['couple-with-children', 30],
  ['couple-children-away', 14],
  ['single-adult', 8],
];

const ELDER_AGE = 65;
const OLDEST = 92;

export function householdKind(random: SeededRandom): HouseholdKind {
  return random.weighted(KIND_WEIGHTS);
}

/** The members of one household; the first is its head (户主). Children are 20 to 40 years younger than the head. */
export function householdMembers(
  random: SeededRandom,
  kind: HouseholdKind,
  familyName: string,
  referenceYear: number,
): HouseholdMember[] {
  const person = (relation: string, age: number, sex: Sex, name = familyName): HouseholdMember => ({
    name: personName(random, name, sex, generationOf(age)),
    role: age >= ELDER_AGE ? 'elder' : 'resident',
    relation,
    sex,
    birthYear: referenceYear - age,
  });
  const anySex = (): Sex => (random.chance(0.5) ? 'male' : 'female');
  const spouseOf = (head: HouseholdMember) => {
    const age = Math.min(OLDEST, Math.max(20, referenceYear - head.birthYear + random.int(-4, 3)));
    return person('配偶', age, head.sex === 'male' ? 'female' : 'male', randomSurname(random));
  };
  const childrenOf = (head: HouseholdMember, count: number) => {
    const headAge = referenceYear - head.birthYear;
    return Array.from({ length: count }, () =>
      person('子女', random.int(Math.max(1, headAge - 40), headAge - 20), anySex()),
    );
  };

  switch (kind) {
    case 'elder-alone':
      return [person('户主', random.int(ELDER_AGE, OLDEST), random.chance(0.6) ? 'female' : 'male')];
    case 'elder-couple': {
      const head = person('户主', random.int(ELDER_AGE + 2, OLDEST), 'male');
      return [head, spouseOf(head)];
    }
    case 'three-generations': {
      const head = person('户主', random.int(38, 58), 'male');
      const headAge = referenceYear - head.birthYear;
      const parents = [person('父母', Math.min(OLDEST, headAge + random.int(22, 32)), 'male')];
      if (random.chance(0.6)) {
        parents.push(
          person('父母', Math.min(OLDEST, headAge + random.int(20, 30)), 'female', randomSurname(random)),
        );
      }
      return [head, spouseOf(head), ...childrenOf(head, random.int(1, 2)), ...parents];
    }
    case 'couple-with-children': {
      const head = person('户主', random.int(30, 55), 'male');
      return [head, spouseOf(head), ...childrenOf(head, random.int(1, 3))];
    }
    case 'couple-children-away': {
      const head = person('户主', random.int(48, 64), 'male');
      return [head, spouseOf(head)];
    }
    case 'single-adult':
      return [person('户主', random.int(25, 64), random.chance(0.7) ? 'male' : 'female')];
  }
}

function generationOf(age: number): Generation {
  if (age >= 60) return 'elder';
  return age >= 33 ? 'middle' : 'young';
}
