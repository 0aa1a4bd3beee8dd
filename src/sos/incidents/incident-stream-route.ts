import { requireRole } from '../../api/auth/authorize';
import { errorResponses } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import type { Db } from '../../db/client';
import { incidentListQuerySchema, incidentsInScope } from './incident-routes';

const readers = requireRole('GRID_WORKER', 'CADRE', 'DISPATCHER');
const STREAM_TICK_MS = 1000;
const KEEP_ALIVE_MS = 15_000;

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
        reply.hijack();
        const out = reply.raw;
        out.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        let open = true;
        request.raw.on('close', () => (open = false));
        let last = '';
        let lastWrite = Date.now();
        while (open) {
          const data = JSON.stringify({ items: await incidentsInScope(db, request, request.query) });
          if (data !== last) {
            out.write(`event: incidents\ndata: ${data}\n\n`);
            last = data;
            lastWrite = Date.now();
          } else if (Date.now() - lastWrite > KEEP_ALIVE_MS) {
            out.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
          await new Promise((resolve) => setTimeout(resolve, STREAM_TICK_MS));
        }
        out.end();
      },
    );
  });
}
