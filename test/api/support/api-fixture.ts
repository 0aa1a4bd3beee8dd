import type { FastifyInstance } from 'fastify';
import type { ReadinessCheck } from '../../../src/api/health';
import { databaseReadiness } from '../../../src/api/database-readiness';
import { buildApiServer, type RouteRegistrar } from '../../../src/api/server';
import { createApiToken } from '../../../src/api/auth/tokens';
import type { Db } from '../../../src/db/client';
import type { Role } from '../../../src/generated/prisma/client';
import { createLogger } from '../../../src/logging';

export const ADMIN_TOKEN = 'bootstrap-admin-token-for-tests-0123456789';

export async function buildTestServer(
  db: Db,
  options: { readiness?: ReadinessCheck[]; registerRoutes?: RouteRegistrar[] } = {},
): Promise<FastifyInstance> {
  const app = await buildApiServer({
    db,
    logger: createLogger('silent'),
    env: {
      LINLI_ADMIN_TOKEN: ADMIN_TOKEN,
      METRICS_ENABLED: true,
      METRICS_ACCESS: 'loopback',
      DOCS_ACCESS: 'loopback',
    },
    readiness: options.readiness ?? [databaseReadiness(db)],
    registerRoutes: options.registerRoutes,
  });
  await app.ready();
  return app;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A token stored in the database, as `Authorization` headers. */
export async function tokenHeaders(db: Db, role: Role, areaId: string | null, name = `${role} test`) {
  const { token } = await createApiToken(db, { name, role, areaId });
  return bearer(token);
}
