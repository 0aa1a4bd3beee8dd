import { audit } from '../../audit/audit-log';
import { actorOf, principalOf } from '../../api/auth/principal';
import { isAreaInScope } from '../../api/auth/authorize';
import { forbidden, notFound } from '../../api/errors';
import { dateTime, errorResponses, idParamsSchema, nullableDateTime } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import type { Db } from '../../db/client';
import { mayReadElderLocation } from '../domain';
import { getElder } from '../registry/elder-registry';
import type { ElderLocator } from './elder-locator';
import { locationViewerOf } from './location-viewer';

const locationSchema = {
  type: 'object',
  properties: {
    elderId: { type: 'string' },
    location: {
      type: ['object', 'null'],
      properties: {
        lat: { type: 'number' },
        lon: { type: 'number' },
        source: { type: 'string', enum: ['gps', 'wifi', 'cell'] },
        accuracyM: { type: 'number' },
        at: dateTime,
        ageSeconds: { type: 'integer' },
      },
    },
    words: { type: ['string', 'null'], description: "where, said relative to the village's own addresses" },
    cards: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          lastSeenAt: nullableDateTime,
          battery: { type: ['integer', 'null'] },
        },
      },
    },
  },
} as const;

/**
 * An elder's location, for the people who would be sent to help only (mayReadElderLocation; see
 * location-viewer.ts for how API tokens map onto them). Every read, and every refusal, is audited;
 * an elder outside the caller's area answers 404 like everything else out of scope.
 */
export function locationRoutes(deps: { db: Db; locator: ElderLocator; now: () => number }): RouteRegistrar {
  const { db } = deps;
  return mountedAt('/api/v1/elders', async (app) => {
    app.get(
      '/:id/location',
      {
        schema: {
          tags: ['sos'],
          summary:
            "The elder's best known location, for family contacts, the grid's worker and the village's cadres",
          params: idParamsSchema,
          response: { 200: locationSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const elder = await getElder(db, request.params.id);
        if (!elder) throw notFound(`no elder with id ${request.params.id}`);
        const inArea = await isAreaInScope(request, elder.gridId);
        const access = inArea
          ? mayReadElderLocation(locationViewerOf(principal), {
              familyContactIds: elder.contacts.filter((c) => c.role === 'family').map((c) => c.personId),
              gridId: elder.gridId,
              villageId: elder.villageId,
            })
          : { allow: false, reason: 'outside_area' };
        await audit(db, {
          actor: actorOf(principal),
          action: access.allow ? 'elder.location.read' : 'elder.location.denied',
          subject: `elder:${elder.id}`,
          details: { reason: access.reason, role: principal.role, areaId: principal.areaId },
        });
        if (!inArea) throw notFound(`no elder with id ${request.params.id}`);
        if (!access.allow) {
          throw forbidden(
            `the location is for the elder's family, grid worker and village cadres (${access.reason})`,
          );
        }
        const now = deps.now();
        const { location, words } = await deps.locator.locate(elder, now);
        return {
          elderId: elder.id,
          location: location && {
            lat: location.lat,
            lon: location.lon,
            source: location.source,
            accuracyM: location.accuracyM,
            at: new Date(location.at).toISOString(),
            ageSeconds: Math.round(location.ageMs / 1000),
          },
          words,
          cards: elder.cards.map((c) => ({ id: c.id, lastSeenAt: c.lastSeenAt, battery: c.battery })),
        };
      },
    );
  });
}
