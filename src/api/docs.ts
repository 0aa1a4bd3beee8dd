import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { areaSchema } from './schemas/area';
import { errorResponseSchema } from './schemas/common';
import { householdPageSchema, householdSchema } from './schemas/household';
import { importRejectedSchema, importReportSchema } from './schemas/household-import';
import { apiTokenSchema, createdApiTokenSchema } from './schemas/token';

// Order matters: a schema must be added after the ones it refers to.
const SHARED_SCHEMAS = [
  errorResponseSchema,
  areaSchema,
  householdSchema,
  householdPageSchema,
  importReportSchema,
  importRejectedSchema,
  apiTokenSchema,
  createdApiTokenSchema,
];

/**
 * OpenAPI 3 generated from the route schemas, served as JSON at /docs/json and browsable at /docs.
 * Register before any route: @fastify/swagger collects routes as they are added.
 */
export async function registerDocs(app: FastifyInstance): Promise<void> {
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
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
