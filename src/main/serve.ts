import { parseArgs } from 'node:util';
import { capabilities } from '../app/capabilities';
import { startPlatform } from '../app/platform';
import { startLinli } from '../app/start-linli';
import { ConfigError, loadEnv, requireSipEdge } from '../config/env';
import { createLogger } from '../logging';
import { closeWorkersOnSignal } from '../queue/worker-lifecycle';
import { serveEdgeHttp } from '../sip-edge/edge-http';
import { startSipEdge } from '../sip-edge/sip-edge';

/**
 * Starts a linli process: `--role api` serves HTTP, `--role worker` runs queue workers, `--role all`
 * both (the embedded database can only be opened by one process, so the demo runs `all`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } } });
  const role = values.role;
  if (role !== 'api' && role !== 'worker' && role !== 'all' && role !== 'sip-edge')
    throw new Error('--role must be api, worker, all or sip-edge');
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  if (role === 'sip-edge') return serveSipEdge(requireSipEdge(env), logger);
  const platform = await startPlatform(env, logger);

  const linli = await startLinli(platform, capabilities, {
    api: role !== 'worker',
    workers: role !== 'api',
    readiness: [
      { name: 'database', check: async () => (await platform.database.db.$queryRaw`SELECT 1`, true) },
      { name: 'redis', check: async () => (await platform.redis.ping()) === 'PONG' },
      {
        name: 'telephony',
        check: async () => {
          const down = platform.calls.status().filter((s) => !s.connected);
          return down.length === 0 || `not connected: ${down.map((s) => s.server).join(', ')}`;
        },
      },
    ],
  });
  const api = linli.api;
  if (api) await api.listen({ host: env.HTTP_HOST, port: env.HTTP_PORT });
  closeWorkersOnSignal(linli.workers, logger, async () => {
    await linli.stop();
    await platform.close();
  });
  logger.info({ role, http: api ? `http://${env.HTTP_HOST}:${env.HTTP_PORT}` : undefined }, 'linli started');
}

/**
 * `--role sip-edge`: only SIP in front of the Asterisk servers; no database, queues or API, only
 * /healthz and /metrics on HTTP_HOST:HTTP_PORT.
 */
async function serveSipEdge(
  env: ReturnType<typeof requireSipEdge>,
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  const edge = await startSipEdge(env, logger);
  const http = await serveEdgeHttp(
    edge,
    env,
    env.SIP_EDGE_SERVERS.map((s) => s.name),
  );
  logger.info({ http: `http://${env.HTTP_HOST}:${env.HTTP_PORT}` }, 'SIP edge: /healthz and /metrics');
  const stop = () => void edge.stop().then(() => http.close(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`linli failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
