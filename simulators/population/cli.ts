/**
 * Writes a simulated town to a folder:
 *   node -r @swc-node/register simulators/population/cli.ts --out dir [--households 2300]
 *     [--villages 8] [--seed linli]
 * population.json (everything), households.csv (linli's import format), number-plan.csv (every
 * household phone with a behaviour from the default mix, for the PSTN simulator) and expected.json
 * (what linli should record per number).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { numberPlanCsv } from '../pstn/number-plan';
import { assignBehaviours } from './behaviour-mix';
import { householdsCsv } from './households-csv';
import { generatePopulation } from './town-generator';

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      households: { type: 'string' },
      villages: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (!values.out) throw new Error('give --out <folder>');
  const population = generatePopulation({
    ...(values.households ? { households: Number(values.households) } : {}),
    ...(values.villages ? { villages: Number(values.villages) } : {}),
    ...(values.seed ? { seed: values.seed } : {}),
  });
  const { plan, expected } = assignBehaviours(
    population.households.flatMap((household) => household.phones),
    { seed: population.seed },
  );

  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, 'population.json'), JSON.stringify(population, null, 2));
  writeFileSync(join(values.out, 'households.csv'), householdsCsv(population));
  writeFileSync(join(values.out, 'number-plan.csv'), numberPlanCsv({ entries: plan }));
  writeFileSync(join(values.out, 'expected.json'), JSON.stringify(expected, null, 2));
  console.log(
    `${population.households.length} households, ${population.elders.length} elders, ${plan.length} numbers -> ${values.out}`,
  );
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
