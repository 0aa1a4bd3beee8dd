import { requireRole } from '../../api/auth/authorize';
import { dateTime, errorResponses } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import type { Db } from '../../db/client';
import { UnreadableJsonError } from '../../db/versioned-json';
import { UNKNOWN_CALLER_ACTION, unknownCallerDetailsJson } from './unknown-callers';

/** SOS calls from numbers no card has, for the dispatcher: they belong to no area, so any cadre or dispatcher sees them. */
export function unknownCallerRoutes(deps: { db: Db }): RouteRegistrar {
  const { db } = deps;
  return mountedAt('/api/v1/sos/unknown-calls', async (app) => {
    app.get(
      '',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['sos'],
          summary: 'SOS calls from numbers no card has: to call back (newest first, last 100)',
          response: {
            200: {
              type: 'object',
              properties: {
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      callId: { type: 'string' },
                      at: dateTime,
                      details: { type: 'object', additionalProperties: true },
                    },
                  },
                },
              },
            },
            ...errorResponses(401, 403),
          },
        },
      },
      async (request) => {
        const rows = await db.auditLog.findMany({
          where: { action: UNKNOWN_CALLER_ACTION },
          orderBy: { at: 'desc' },
          take: 100,
        });
        return {
          items: rows.map((r) => {
            const callId = r.subject.replace(/^call:/, '');
            try {
              return { callId, at: r.at, details: unknownCallerDetailsJson.read(r.id, r.details) };
            } catch (error) {
              if (!(error instanceof UnreadableJsonError)) throw error;
              // The call id alone still lets the dispatcher find the call and its recording.
              request.log.error({ err: error.message }, 'unknown caller details unreadable');
              return { callId, at: r.at };
            }
          }),
        };
      },
    );
  });
}
