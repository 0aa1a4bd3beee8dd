import type { Db } from '../../db/client';
import { createArea } from '../../directory/areas';
import { audit } from '../../audit/audit-log';
import { areasInScope, assertAreaInScope, requireRole } from '../auth/authorize';
import { actorOf, principalOf } from '../auth/principal';
import { forbidden } from '../errors';
import { createAreaBodySchema, listAreasQuerySchema } from '../schemas/area';
import { errorResponses } from '../schemas/common';
import type { ApiRoutes } from '../typed-routes';

/** Under /api/v1/areas: '' is the prefix itself, without a trailing-slash twin. */
export const areaRoutes: ApiRoutes<{ db: Db }> = async (app, { db }) => {
  app.post(
    '',
    {
      preHandler: requireRole('ADMIN'),
      schema: {
        tags: ['areas'],
        summary: 'Create a town, a village (under a town) or a grid (under a village)',
        body: createAreaBodySchema,
        response: { 201: { $ref: 'Area#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { parentId } = request.body;
      if (request.body.level === 'TOWN' && principal.areaId !== null) {
        throw forbidden('only a token for the whole tree can create a town');
      }
      if (parentId !== undefined) await assertAreaInScope(request, parentId);
      const area = await db.$transaction(async (tx) => {
        const created = await createArea(tx, request.body);
        await audit(tx, {
          actor: actorOf(principal),
          action: 'area.create',
          subject: `area:${created.id}`,
          details: {
            level: created.level,
            name: created.name,
            code: created.code,
            parentId: created.parentId,
          },
        });
        return created;
      });
      app.areaTree.invalidate();
      return reply.code(201).send(area);
    },
  );

  app.get(
    '',
    {
      preHandler: requireRole('GRID_WORKER', 'CADRE', 'DISPATCHER'),
      schema: {
        tags: ['areas'],
        summary: "The caller's area and everything below it",
        querystring: listAreasQuerySchema,
        response: { 200: { type: 'array', items: { $ref: 'Area#' } }, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { level } = request.query;
      const levelOrder = { TOWN: 0, VILLAGE: 1, GRID: 2 };
      return (await areasInScope(request))
        .filter((area) => level === undefined || area.level === level)
        .sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.code.localeCompare(b.code));
    },
  );
};
