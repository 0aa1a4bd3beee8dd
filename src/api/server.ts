import { ajvFilePlugin } from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Env } from '../config/env';
import type { Db } from '../db/client';
import { AreaTreeCache } from '../directory/area-tree-cache';
import type { Logger } from '../logging';
import { authentication } from './auth/authenticate';
import { registerDocs } from './docs';
import { installErrorHandling } from './error-handler';
import { healthRoutes, type ReadinessCheck } from './health';
import { metricsPlugin } from './metrics';
import { echoRequestId, requestIdFrom } from './request-id';
import { areaRoutes } from './routes/areas';
import { householdImportRoutes } from './routes/household-import';
import { householdRoutes } from './routes/households';
import { peopleRoutes } from './routes/people';
import { tokenRoutes } from './routes/tokens';

/**
 * Adds a capability's routes. It runs in the authenticated context: every route it adds needs a token,
 * and can use requireRole/assertAreaInScope. Routes use full paths (/api/v1/...).
 */
export type RouteRegistrar = (app: FastifyInstance) => Promise<void>;

export interface ApiServerDeps {
  db: Db;
  logger: Logger;
  env: Pick<Env, 'LINLI_ADMIN_TOKEN' | 'METRICS_ENABLED'>;
  /** What /readyz reports on, by name: database, redis, ami... */
  readiness: readonly ReadinessCheck[];
  registerRoutes?: readonly RouteRegistrar[];
}

/** The HTTP API: docs, health and metrics are open; everything else needs an API token. */
export async function buildApiServer(deps: ApiServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Widened so the instance has the plain FastifyInstance type every plugin and registrar expects.
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: requestIdFrom,
    ajv: {
      // allErrors: report every bad field at once; removeAdditional off: an unknown field is an error, not dropped.
      customOptions: { allErrors: true, removeAdditional: false },
      plugins: [ajvFilePlugin],
    },
  });
  app.addHook('onRequest', echoRequestId);
  installErrorHandling(app);
  app.decorate('areaTree', new AreaTreeCache(deps.db));
  await registerDocs(app);
  if (deps.env.METRICS_ENABLED) await app.register(metricsPlugin);
  await app.register(healthRoutes, { checks: deps.readiness });

  await app.register(async (api) => {
    await api.register(authentication, { db: deps.db, adminToken: deps.env.LINLI_ADMIN_TOKEN });
    await api.register(areaRoutes, { db: deps.db });
    await api.register(tokenRoutes, { db: deps.db });
    await api.register(householdRoutes, { db: deps.db });
    await api.register(householdImportRoutes, { db: deps.db });
    await api.register(peopleRoutes, { db: deps.db });
    for (const register of deps.registerRoutes ?? []) await api.register(register);
  });
  return app;
}
