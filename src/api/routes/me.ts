import { principalOf } from '../auth/principal';
import { errorResponses } from '../schemas/common';
import type { ApiRoutes } from '../typed-routes';

const meSchema = {
  type: 'object',
  required: ['name', 'role', 'area', 'personId'],
  properties: {
    name: { type: 'string', description: "the token's name" },
    role: { type: 'string' },
    area: {
      anyOf: [{ $ref: 'Area#' }, { type: 'null' }],
      description: 'the area the token sees, with everything below it; null for the whole tree',
    },
    personId: { type: ['string', 'null'] },
  },
} as const;

/**
 * Under /api/v1/me: who the token is, for clients that show only what it may do (the dashboard). Any
 * token may ask, whatever its role: it learns nothing it could not learn by trying.
 */
export const meRoutes: ApiRoutes = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['tokens'],
        summary: "The calling token's name, role and area",
        response: { 200: meSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const { name, role, areaId, personId } = principalOf(request);
      const area = areaId === null ? null : ((await app.areaTree.getKnowing(areaId)).get(areaId) ?? null);
      return { name, role, area, personId };
    },
  );
};
