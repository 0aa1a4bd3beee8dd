import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SHARED_SCHEMAS } from './schemas/shared';

/**
 * OpenAPI 3 generated from the route schemas, served as JSON at /docs/json and browsable at /docs to
 * whoever `guard` lets through (see operations-access.ts; null: anyone). Register before any route:
 * @fastify/swagger collects routes as they are added.
 */
export async function registerDocs(
  app: FastifyInstance,
  guard: ((request: FastifyRequest) => Promise<void>) | null,
): Promise<void> {
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'linli API',
        description: '邻里 linli: telephony automation for grassroots governance',
        version: '1',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Shared schemas keep their $id as their name under components/schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `schema-${i}`) },
  });
  // In a context of its own, so the guard covers every /docs route and nothing else.
  await app.register(async (docs) => {
    if (guard) docs.addHook('onRequest', guard);
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });
}
