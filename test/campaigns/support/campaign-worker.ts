/**
 * A campaign worker process of its own, for the crash test: the platform and the campaigns capability's
 * workers, configured from the environment like `linli serve --role worker`. Prints "ready" when started.
 */
import { startPlatform } from '../../../src/app/platform';
import { campaignsCapability } from '../../../src/campaigns/campaigns-capability';
import { loadEnv } from '../../../src/config/env';
import { createLogger } from '../../../src/logging';

async function main(): Promise<void> {
  const env = loadEnv();
  const platform = await startPlatform(env, createLogger(env.LOG_LEVEL, 'campaign-worker'));
  await campaignsCapability.start?.(platform);
  process.stdout.write('ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`campaign worker failed: ${String(err)}\n`);
  process.exit(1);
});
