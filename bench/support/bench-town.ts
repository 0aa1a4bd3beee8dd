import type { Db } from '../../src/db/client';
import { seedVillage } from '../../simulators/demo/seed-village';
import type { PhoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { assignBehaviours, DEFAULT_BEHAVIOUR_MIX } from '../../simulators/population/behaviour-mix';
import type { Population } from '../../simulators/population/population-types';
import { generatePopulation } from '../../simulators/population/town-generator';
import type { NumberPlanEntry } from '../../simulators/pstn/number-plan';

export interface BenchTown {
  population: Population;
  /** Every phone of every household, with what it does when called. */
  plan: readonly NumberPlanEntry[];
  /** Each household's first phone: the one number a call-file script has per household. */
  firstPhones: readonly string[];
}

/**
 * The generated town and the project's default mix of how phones answer (62% press 1, 8% press 2, 8% busy,
 * 10% no answer, 3% decline, 5% silent, 4% machine), except that people who press a key hang up
 * `hangUpAfterKeySeconds` later instead of waiting for the goodbye (see campaign-bench-settings.ts).
 */
export function benchTown(options: {
  households: number;
  seed: string;
  hangUpAfterKeySeconds: number;
}): BenchTown {
  const population = withUniqueMemberNames(
    generatePopulation({ seed: options.seed, households: options.households }),
  );
  const mix = DEFAULT_BEHAVIOUR_MIX.map((share) => ({
    ...share,
    behaviour: hangingUpAfterKey(share.behaviour, options.hangUpAfterKeySeconds),
  }));
  const phones = population.households.flatMap((household) => household.phones);
  const { plan } = assignBehaviours(phones, { mix, seed: options.seed });
  const firstPhones = population.households.map((household) => household.phones[0] ?? '');
  return { population, plan, firstPhones };
}

/**
 * The import refuses a household that lists one name twice, which the generator sometimes produces
 * (two children named alike); members play no part in a campaign, so the later namesake is dropped.
 */
function withUniqueMemberNames(population: Population): Population {
  const households = population.households.map((household) => ({
    ...household,
    members: household.members.filter(
      (member, i) => household.members.findIndex((m) => m.name === member.name) === i,
    ),
  }));
  return { ...population, households };
}

function hangingUpAfterKey(behaviour: PhoneBehaviour, seconds: number): PhoneBehaviour {
  return behaviour.kind === 'press'
    ? { kind: 'press-and-hold', digits: behaviour.digits, holdSeconds: seconds }
    : behaviour;
}

/** Puts the town into linli as a cadre would: areas, then the households CSV (all or nothing). */
export async function importBenchTown(db: Db, town: BenchTown): Promise<void> {
  const report = await seedVillage(db, town.population);
  if (!report.imported || report.created !== town.population.households.length) {
    throw new Error(`household import failed: ${JSON.stringify(report.errors.slice(0, 5))}`);
  }
}
