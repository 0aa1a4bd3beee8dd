/**
 * The village demo (npm run demo): a generated village imported into linli on the embedded
 * database, its phones simulated behind the real Asterisk, and linli at work on them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { capabilities } from '../../src/app/capabilities';
import { startPlatform } from '../../src/app/platform';
import { startLinli } from '../../src/app/start-linli';
import { loadEnv } from '../../src/config/env';
import { createLogger } from '../../src/logging';
import { assignBehaviours } from '../population/behaviour-mix';
import { generatePopulation } from '../population/town-generator';
import { startPstnSimulator } from '../pstn/pstn-simulator';
import type { DemoContext } from './demo-context';
import { dashboardLink } from './dashboard-link';
import { demoScenes } from './scenes';
import { registerStaff } from './register-staff';
import { seedVillage } from './seed-village';
import { sosElder } from './sos-scene';

const HOUSEHOLDS = Number(process.env.DEMO_HOUSEHOLDS ?? 60);
const KEEP_RUNNING = process.argv.includes('--keep');

async function main(): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const outDir = path.resolve('.linli/demo');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const token = `demo-${randomBytes(16).toString('hex')}`;
  const env = loadEnv({
    ...process.env,
    DATABASE_URL: `pglite://${path.join(outDir, 'db')}`,
    QUEUE_PREFIX: `linli-demo-${Date.now()}`,
    LINLI_ADMIN_TOKEN: token,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });

  say('邻里 linli — village demo');
  const population = generatePopulation({
    seed: 'demo',
    households: HOUSEHOLDS,
    villages: 1,
    gridsPerVillage: { min: 2, max: 3 },
  });
  const numbers = population.households.flatMap((h) => h.phones);
  const { plan } = assignBehaviours(numbers, { seed: 'demo' });
  const staffPhones = population.villages.flatMap((v) => [...v.cadres, ...v.grids.map((g) => g.worker)]);
  const family = population.elders.flatMap((e) => e.contacts.map((c) => c.phone));
  // Cadres, grid workers and elders' families answer and accept: they are who linli escalates to;
  // the SOS scene's first family contact is out in the fields and does not pick up.
  const responders = new Set(
    [...staffPhones.map((s) => s.phone), ...family].filter((n) => !numbers.includes(n)),
  );
  const unreachable = sosElder(population)?.contacts[0]?.phone;
  const pstn = await startPstnSimulator({
    numberPlan: [
      ...plan,
      ...[...responders].map((number) => ({
        number,
        behaviour:
          number === unreachable
            ? { kind: 'no-answer' as const }
            : { kind: 'press-and-hold' as const, digits: '1', holdSeconds: 8 },
      })),
    ],
    timeScale: 0.4,
  });
  say(
    `  simulated PSTN on 127.0.0.1:${pstn.port}: ${numbers.length} household phones, ${staffPhones.length} staff phones`,
  );

  const platform = await startPlatform(env, createLogger(env.LOG_LEVEL));
  const report = await seedVillage(platform.database.db, population);
  const village = population.villages[0];
  say(
    `  ${village?.name ?? ''}: ${report.created} households imported into the embedded database (${village?.grids.length ?? 0} grids)`,
  );

  const linli = await startLinli(platform, capabilities, { api: true, workers: true });
  const api = linli.api as FastifyInstance;
  await api.listen({ host: env.HTTP_HOST, port: env.HTTP_PORT });
  const baseUrl = `http://${env.HTTP_HOST}:${env.HTTP_PORT}`;
  const staff = await registerStaff({ baseUrl, token }, population);
  say(`  ${staff.gridWorkers.size} grid workers and ${staff.cadres.size} cadre registered through the API`);
  const { url: dashboard, token: dashboardToken } = await dashboardLink({ baseUrl, token }, population);
  const closers: (() => Promise<void>)[] = [];
  const closeAtExit = (close: () => Promise<void>) => void closers.push(close);
  const ctx: DemoContext = {
    platform,
    api,
    baseUrl,
    token,
    dashboardToken,
    population,
    pstn,
    outDir,
    staff,
    say,
    closeAtExit,
  };
  say(`  dashboard (一张图): open ${dashboard} to watch the scenes live`);

  for (const scene of demoScenes) await scene(ctx);

  say('\nWhere to look:');
  say(
    `  web dashboard        ${dashboard}${KEEP_RUNNING ? '' : '   (npm run demo -- --keep keeps it open)'}`,
  );
  say(`  API and its docs     ${baseUrl}/docs   (token: ${token})`);
  say(`  results and exports  ${outDir}`);
  say(`  call recordings      ${path.resolve(env.MEDIA_DIR, 'recordings')}`);
  say(`  Asterisk             bash scripts/asterisk.sh cli 'core show channels'`);
  if (KEEP_RUNNING) {
    say('\nlinli keeps running; Ctrl-C to stop.');
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
  for (const close of closers) await close();
  await linli.stop();
  await platform.close();
  await pstn.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
