import { requireRole } from '../../api/auth/authorize';
import { openEventStream } from '../../api/event-stream';
import { errorResponses } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import type { Db } from '../../db/client';
import { incidentListQuerySchema, incidentsInScope } from './incident-routes';

const readers = requireRole('GRID_WORKER', 'CADRE', 'DISPATCHER');
const STREAM_TICK_MS = 1000;

/**
 * The incidents of the caller's area as server-sent events, for a dispatcher's screen: the list as
 * GET /api/v1/sos/incidents returns it, sent again whenever anything on it changes. Read from the
 * database, so every API process streams what every worker wrote.
 */
export function incidentStreamRoute(deps: { db: Db }): RouteRegistrar {
  const { db } = deps;
  return mountedAt('/api/v1/sos/incidents', async (app) => {
    app.get(
      '/stream',
      {
        preHandler: readers,
        schema: {
          tags: ['sos'],
          summary: 'SOS incidents as server-sent events (event: incidents, whenever the list changes)',
          description:
            'Each `data:` is `{ items }` as GET /api/v1/sos/incidents returns it for the same query.',
          querystring: incidentListQuerySchema,
          produces: ['text/event-stream'],
          response: {
            200: {
              description: 'the event stream; it stays open until the client closes it',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        const stream = openEventStream(request, reply);
        while (stream.isOpen()) {
          const data = JSON.stringify({ items: await incidentsInScope(db, request, request.query) });
          stream.sendIfChanged('incidents', data, data);
          await new Promise((resolve) => setTimeout(resolve, STREAM_TICK_MS));
        }
        stream.end();
      },
    );
  });
}
