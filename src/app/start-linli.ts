import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { ReadinessCheck } from '../api/health';
import { buildApiServer } from '../api/server';
import { speechPreviewRoutes } from '../api/routes/speech-preview';
import type { Capability, Platform } from './platform-types';

export interface RunningLinli {
  /** Built and ready, not listening: the caller decides where it listens (or injects requests). */
  api: FastifyInstance | undefined;
  workers: Worker[];
  /** Stops the workers (finishing jobs in hand), the capabilities' loops and the API. */
  stop(): Promise<void>;
}

/** Starts the capabilities on a platform: their routes in one API server and/or their workers. */
export async function startLinli(
  platform: Platform,
  capabilities: readonly Capability[],
  options: { api: boolean; workers: boolean; readiness?: readonly ReadinessCheck[] },
): Promise<RunningLinli> {
  const running = options.workers ? await Promise.all(capabilities.map((c) => c.start?.(platform))) : [];
  const api = options.api
    ? await buildApiServer({
        db: platform.database.db,
        logger: platform.logger,
        env: platform.env,
        readiness: options.readiness ?? [],
        registerRoutes: [
          speechPreviewRoutes(platform.tts, platform.env.TTS_CODEC),
          ...capabilities.flatMap((c) => (c.routes ? [c.routes(platform)] : [])),
        ],
        registerWebhooks: capabilities.flatMap((c) => (c.webhooks ? [c.webhooks(platform)] : [])),
        dashboardDir: platform.env.DASHBOARD_DIR,
      })
    : undefined;
  await api?.ready();
  const workers = running.flatMap((r) => r?.workers ?? []);
  return {
    api,
    workers,
    stop: async () => {
      await Promise.all(workers.map((w) => w.close()));
      for (const r of running) await r?.stop();
      await api?.close();
    },
  };
}
