/**
 * Runs the simulated PSTN by hand:
 *   node -r @swc-node/register simulators/pstn/cli.ts --plan plan.csv [--port 5070]
 *     [--default reject:404] [--time-scale 0.2] [--work-dir dir] [--trace]
 * Logs call counts as they change; Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';

import { createLogger } from '../../src/logging';
import { phoneBehaviour } from '../phone/phone-behaviour';
import { startPstnSimulator } from './pstn-simulator';

const STATS_EVERY_MS = 5000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      plan: { type: 'string' },
      port: { type: 'string' },
      default: { type: 'string' },
      'time-scale': { type: 'string' },
      'work-dir': { type: 'string' },
      trace: { type: 'boolean' },
    },
  });
  if (!values.plan && !values.default) throw new Error('give --plan <file.csv> and/or --default <behaviour>');
  const log = createLogger(process.env.LOG_LEVEL ?? 'info', 'pstn-simulator');

  const simulator = await startPstnSimulator({
    numberPlan: values.plan ?? [],
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values.default ? { defaultBehaviour: phoneBehaviour(values.default) } : {}),
    ...(values['time-scale'] ? { timeScale: Number(values['time-scale']) } : {}),
    ...(values['work-dir'] ? { workDir: values['work-dir'] } : {}),
    sipTrace: values.trace ?? false,
  });
  log.info(
    { port: simulator.port, workDir: simulator.workDir, timing: simulator.timing },
    'PSTN simulator listening',
  );

  let last = '';
  const timer = setInterval(() => {
    const stats = simulator.stats();
    const text = JSON.stringify(stats);
    if (text !== last) log.info(stats, 'calls');
    last = text;
  }, STATS_EVERY_MS);

  const stop = async () => {
    clearInterval(timer);
    await simulator.stop();
    log.info(simulator.stats(), 'PSTN simulator stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
