/**
 * City-size data benchmark (npm run bench:import), on a fresh PostgreSQL database of its own, dropped at
 * the end:
 *  1. a generated city of 200,000 households in 20 villages (simulators/population), its household file
 *     cut in two halves of 100,000;
 *  2. the first half imported through the API (POST /api/v1/households/import as the admin, all or
 *     nothing, in-process through fastify's inject): the timed import; then the second half, untimed;
 *  3. a campaign to all 200,000 households created with the API's create function (createCampaign), into
 *     queues under a Redis prefix of their own that no dialer reads: nothing is dialled, no Asterisk is
 *     needed. Timed until it answers; the households' first calls still being queued in the background
 *     are waited for and then removed.
 *
 * Last line: import_households=<n> import_s=<x> campaign_audience=<n> campaign_create_s=<x>
 * or, when a step fails, bench_failed reason="…" (bench/support/bench-hygiene.ts).
 * Targets: import_s < 10, campaign_create_s < 5 (exit code 1 when missed).
 */
import { createCampaign } from '../src/campaigns/create/create-campaign';
import type { QueueingOutcome } from '../src/campaigns/create/queue-first-attempts';
import type { ImportReport } from '../src/directory/import/types';
import { createTownAreas } from '../simulators/demo/seed-village';
import { householdsCsv } from '../simulators/population/households-csv';
import type { Population } from '../simulators/population/population-types';
import { generatePopulation } from '../simulators/population/town-generator';
import { ADMIN_TOKEN, buildTestServer } from '../test/api/support/api-fixture';
import {
  campaignCreationFixture,
  CREATION_TRUNK,
  type CampaignCreationFixture,
} from '../test/campaigns/support/campaign-creation';
import { createTestDatabase } from '../test/support/database';
import { runBenchmark } from './support/bench-hygiene';

const CITY_HOUSEHOLDS = 200_000;
const IMPORTED_HOUSEHOLDS = 100_000;
const TARGETS = { importSeconds: 10, campaignCreateSeconds: 5 };

const seconds = (since: number) => (performance.now() - since) / 1000;

/** The import refuses a household listing one name twice, which the generator sometimes produces. */
function withUniqueMemberNames(population: Population): Population {
  const households = population.households.map((household) => ({
    ...household,
    members: household.members.filter((m, i) => household.members.findIndex((o) => o.name === m.name) === i),
  }));
  return { ...population, households };
}

/** Created through createCampaign and timed until it answers; then the background queueing is awaited. */
async function createCityCampaign(
  fixture: CampaignCreationFixture,
  population: Population,
): Promise<{ audience: number; seconds: number }> {
  let queued: (outcome: QueueingOutcome) => void = () => undefined;
  const allQueued = new Promise<QueueingOutcome>((resolve) => (queued = resolve));
  const started = performance.now();
  const created = await createCampaign(
    fixture.deps,
    {
      name: '全市通知',
      audience: { villages: population.villages.map((v) => v.code) },
      message: { text: '明天上午九点起，各小区开展燃气安全检查，请家中留人。' },
      trunk: CREATION_TRUNK.name,
      callerId: '057112345678',
    },
    { actor: 'bench', scopeAreaId: null },
    { dryRun: false, onQueued: queued },
  );
  const took = seconds(started);
  const campaignId = created.campaign?.id ?? '';
  const stored = await fixture.deps.db.campaignTarget.count({ where: { campaignId } });
  if (stored !== CITY_HOUSEHOLDS)
    throw new Error(`the campaign stored ${stored} of ${CITY_HOUSEHOLDS} targets`);
  console.log(`campaign to ${stored.toLocaleString('en')} households created in ${took.toFixed(2)} s`);
  const outcome = await allQueued;
  if (outcome.failure) throw new Error(`queueing the first calls failed: ${outcome.failure}`);
  console.log(`every first call queued ${seconds(started).toFixed(1)} s after the creation began`);
  return { audience: created.audience.targets, seconds: took };
}

async function main(): Promise<string> {
  const population = withUniqueMemberNames(
    generatePopulation({ seed: 'city', households: CITY_HOUSEHOLDS, villages: 20 }),
  );
  const halves = [
    { ...population, households: population.households.slice(0, IMPORTED_HOUSEHOLDS) },
    { ...population, households: population.households.slice(IMPORTED_HOUSEHOLDS) },
  ].map((half) => Buffer.from(householdsCsv(half), 'utf8'));
  console.log(
    `city: ${CITY_HOUSEHOLDS.toLocaleString('en')} households in ${population.villages.length} villages; ` +
      `files of ${halves.map((h) => `${(h.length / 1e6).toFixed(1)} MB`).join(' and ')}`,
  );

  const database = await createTestDatabase('bench_import');
  const app = await buildTestServer(database.db);
  try {
    await createTownAreas(database.db, population);
    const importFile = async (file: Buffer): Promise<{ report: ImportReport; seconds: number }> => {
      const started = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/households/import?mode=all-or-nothing',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
        payload: file,
      });
      const took = seconds(started);
      if (res.statusCode !== 200)
        throw new Error(`import answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      return { report: res.json<ImportReport>(), seconds: took };
    };
    const timed = await importFile(halves[0] as Buffer);
    if (timed.report.created !== IMPORTED_HOUSEHOLDS) {
      throw new Error(`import created ${timed.report.created} of ${IMPORTED_HOUSEHOLDS} households`);
    }
    console.log(
      `import of ${IMPORTED_HOUSEHOLDS.toLocaleString('en')} households: ${timed.seconds.toFixed(2)} s`,
    );
    const second = await importFile(halves[1] as Buffer);
    console.log(
      `import of the other ${second.report.created.toLocaleString('en')}: ${second.seconds.toFixed(2)} s`,
    );

    // Made after the import, so its area tree holds the city.
    const fixture = await campaignCreationFixture(database.db);
    const campaign = await createCityCampaign(fixture, population).finally(() => fixture.close());

    const missed = [
      timed.seconds >= TARGETS.importSeconds ? `import_s over ${TARGETS.importSeconds}` : null,
      campaign.seconds >= TARGETS.campaignCreateSeconds
        ? `campaign_create_s over ${TARGETS.campaignCreateSeconds}`
        : null,
    ].filter((m) => m !== null);
    if (missed.length > 0) {
      console.error(`targets missed: ${missed.join(', ')}`);
      process.exitCode = 1;
    }
    return (
      `import_households=${timed.report.created} import_s=${timed.seconds.toFixed(2)} ` +
      `campaign_audience=${campaign.audience} campaign_create_s=${campaign.seconds.toFixed(2)}`
    );
  } finally {
    await app.close();
    await database.drop();
  }
}

runBenchmark({ asterisk: false }, main);
