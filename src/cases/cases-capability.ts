import type { Capability, Platform } from '../app/platform-types';
import { caseAdminRoutes } from './api/case-admin-routes';
import { caseLiveRoutes } from './api/case-live-routes';
import { caseReportRoutes } from './api/case-report-routes';
import { caseRoutes } from './api/case-routes';
import { actOnCaseCallKeys } from './calls/case-call-keys';
import { createCaseRuntime, type CaseRuntime } from './case-runtime';
import { startCasesWorker } from './cases-worker';
import { open311Routes } from './open311/open311-routes';

/** How often cases opened without timers are looked for. */
const SWEEP_EVERY_MS = 30_000;

export interface CasesCapability extends Capability {
  /** This platform's case runtime (built on first use): for the hotline, tests and benchmarks. */
  runtime(platform: Platform): CaseRuntime;
}

/** Governance cases: from the hotline, the API or Open311, through their SLA to the satisfaction callback. */
export function createCasesCapability(options: { now?: () => number } = {}): CasesCapability {
  const runtimes = new WeakMap<Platform, CaseRuntime>();
  const runtime = (platform: Platform): CaseRuntime => {
    let built = runtimes.get(platform);
    if (!built) {
      built = createCaseRuntime(platform, options);
      runtimes.set(platform, built);
    }
    return built;
  };
  return {
    name: 'cases',
    runtime,
    routes: (platform) => async (app) => {
      const { service } = runtime(platform);
      await caseRoutes(service)(app);
      await caseAdminRoutes(service)(app);
      await caseReportRoutes(service)(app);
      await caseLiveRoutes(service, platform.env.MEDIA_DIR)(app);
    },
    webhooks: (platform) => open311Routes(runtime(platform).service),
    start: async (platform) => {
      const rt = runtime(platform);
      const stopKeys = actOnCaseCallKeys(rt.calls);
      await rt.queue.upsertJobScheduler(
        'cases-sweep',
        { every: SWEEP_EVERY_MS },
        { name: 'sweep', data: { type: 'sweep' } },
      );
      const worker = startCasesWorker({
        calls: rt.calls,
        timers: rt.timers,
        queue: rt.queue,
        connection: platform.queueRedis,
        prefix: platform.env.QUEUE_PREFIX,
      });
      return {
        workers: [worker],
        stop: async () => {
          stopKeys();
          await rt.close();
        },
      };
    },
  };
}

export const casesCapability = createCasesCapability();
