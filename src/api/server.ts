import { ajvFilePlugin } from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Env } from '../config/env';
import type { Db } from '../db/client';
import { AreaTreeCache } from '../directory/area-tree-cache';
import type { Logger } from '../logging';
import { authentication, bearerAuthenticator } from './auth/authenticate';
import { VerifiedTokenCache } from './auth/verified-token-cache';
import { dashboardFiles } from './dashboard-files';
import { registerDocs } from './docs';
import { installErrorHandling } from './error-handler';
import { requestLogView } from './log-redaction';
import { healthRoutes, type ReadinessCheck } from './health';
import { metricsPlugin } from './metrics';
import { endpointGuard } from './operations-access';
import { echoRequestId, requestIdFrom } from './request-id';
import { areaRoutes } from './routes/areas';
import { householdImportRoutes } from './routes/household-import';
import { householdRoutes } from './routes/households';
import { meRoutes } from './routes/me';
import { peopleRoutes } from './routes/people';
import { tokenRoutes } from './routes/tokens';
import { installTextInputGuard } from './text-input-guard';
import type { RouteRegistrar } from './typed-routes';
import { endEventStreamsOnClose } from './event-stream';

/** A capability's routes (defined beside mountedAt, which makes one). */
export type { RouteRegistrar };

export interface ApiServerDeps {
  db: Db;
  logger: Logger;
  env: Pick<Env, 'LINLI_ADMIN_TOKEN' | 'METRICS_ENABLED' | 'METRICS_ACCESS' | 'DOCS_ACCESS'>;
  /** What /readyz reports on, by name: database, redis, ami... */
  readiness: readonly ReadinessCheck[];
  registerRoutes?: readonly RouteRegistrar[];
  /**
   * Routes that authenticate themselves (a telephony engine's webhooks, signed by it), registered
   * outside the token-checked context.
   */
  registerWebhooks?: readonly RouteRegistrar[];
  /** The web dashboard's build, served under /app/; none when absent. */
  dashboardDir?: string;
}

/**
 * The HTTP API: health is open; docs and metrics as METRICS_ACCESS and DOCS_ACCESS say (this host only
 * by default); everything else needs an API token.
 */
export async function buildApiServer(deps: ApiServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Widened so the instance has the plain FastifyInstance type every plugin and registrar expects. The
    // child's request serializer replaces fastify's, which would log credentials sent in the query string.
    loggerInstance: deps.logger.child({}, { serializers: { req: requestLogView } }) as FastifyBaseLogger,
    genReqId: requestIdFrom,
    ajv: {
      // allErrors: report every bad field at once; removeAdditional off: an unknown field is an error, not dropped.
      customOptions: { allErrors: true, removeAdditional: false },
      plugins: [ajvFilePlugin],
    },
  });
  app.addHook('onRequest', echoRequestId);
  installErrorHandling(app);
  installTextInputGuard(app);
  app.decorate('areaTree', new AreaTreeCache(deps.db));
  app.decorate('verifiedTokens', new VerifiedTokenCache());
  endEventStreamsOnClose(app);
  const authenticate = bearerAuthenticator({
    db: deps.db,
    adminToken: deps.env.LINLI_ADMIN_TOKEN,
    verifiedTokens: app.verifiedTokens,
  });
  await registerDocs(app, endpointGuard(deps.env.DOCS_ACCESS, authenticate, 'DOCS_ACCESS'));
  if (deps.env.METRICS_ENABLED) {
    await app.register(metricsPlugin, {
      guard: endpointGuard(deps.env.METRICS_ACCESS, authenticate, 'METRICS_ACCESS'),
    });
  }
  await app.register(healthRoutes, { checks: deps.readiness });
  for (const register of deps.registerWebhooks ?? []) await app.register(register);
  if (deps.dashboardDir !== undefined) await app.register(dashboardFiles(deps.dashboardDir));

  await app.register(async (api) => {
    await api.register(authentication, { authenticate });
    await api.register(areaRoutes, { db: deps.db, prefix: '/api/v1/areas' });
    await api.register(tokenRoutes, { db: deps.db, prefix: '/api/v1/tokens' });
    await api.register(householdRoutes, { db: deps.db, prefix: '/api/v1/households' });
    await api.register(householdImportRoutes, { db: deps.db, prefix: '/api/v1/households' });
    await api.register(peopleRoutes, { db: deps.db, prefix: '/api/v1/people' });
    await api.register(meRoutes, { prefix: '/api/v1/me' });
    for (const register of deps.registerRoutes ?? []) await api.register(register);
  });
  return app;
}
