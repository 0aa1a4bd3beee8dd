import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client';
import { audit } from '../../audit/audit-log';
import { assertAreaInScope, isAreaInScope, requireRole } from '../auth/authorize';
import { actorOf, principalOf } from '../auth/principal';
import {
  createApiToken,
  getApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiTokenView,
} from '../auth/tokens';
import { forbidden, notFound } from '../errors';
import { errorResponses, idParamsSchema } from '../schemas/common';
import { createTokenBodySchema } from '../schemas/token';
import type { ApiRoutes } from '../typed-routes';

/**
 * Throws 404 for a person the caller cannot see, as for areas: a token limited to an area names only
 * people whose household lies in it or who serve an area in it. Whether the person exists at all is
 * createApiToken's to check, for the CLI too.
 */
async function assertPersonInScope(request: FastifyRequest, db: Db, personId: string): Promise<void> {
  if (principalOf(request).areaId === null) return;
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { areaId: true, household: { select: { gridId: true } } },
  });
  const areas = [person?.household?.gridId, person?.areaId].filter((id): id is string => Boolean(id));
  const inScope = await Promise.all(areas.map((areaId) => isAreaInScope(request, areaId)));
  if (!inScope.includes(true)) throw notFound(`no person with id ${personId}`);
}

/** A token limited to an area manages only tokens limited to that area or below it. */
async function canManage(request: FastifyRequest, token: Pick<ApiTokenView, 'areaId'>): Promise<boolean> {
  if (principalOf(request).areaId === null) return true;
  return token.areaId !== null && (await isAreaInScope(request, token.areaId));
}

/** Under /api/v1/tokens. */
export const tokenRoutes: ApiRoutes<{ db: Db }> = async (app, { db }) => {
  const admins = requireRole('ADMIN');

  app.post(
    '',
    {
      preHandler: admins,
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the token is in this response only',
        body: createTokenBodySchema,
        response: { 201: { $ref: 'CreatedApiToken#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { name, role, areaId, personId } = request.body;
      const expiresAt = request.body.expiresAt === undefined ? null : new Date(request.body.expiresAt);
      if (areaId === undefined && principal.areaId !== null) {
        throw forbidden('a token limited to an area can only create tokens limited to (part of) that area');
      }
      if (areaId !== undefined) await assertAreaInScope(request, areaId);
      if (personId !== undefined) await assertPersonInScope(request, db, personId);
      const created = await db.$transaction(async (tx) => {
        const token = await createApiToken(tx, { name, role, areaId, personId, expiresAt });
        await audit(tx, {
          actor: actorOf(principal),
          action: 'token.create',
          subject: `token:${token.id}`,
          details: {
            name,
            role,
            areaId: areaId ?? null,
            personId: personId ?? null,
            expiresAt: request.body.expiresAt ?? null,
          },
        });
        return token;
      });
      return reply.code(201).send({
        id: created.id,
        token: created.token,
        name: name.trim(),
        role,
        areaId: areaId ?? null,
        personId: personId ?? null,
        expiresAt,
      });
    },
  );

  app.get(
    '',
    {
      preHandler: admins,
      schema: {
        tags: ['tokens'],
        summary: 'Tokens the caller manages (never the tokens themselves)',
        response: { 200: { type: 'array', items: { $ref: 'ApiToken#' } }, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const tokens = await listApiTokens(db);
      const manageable = await Promise.all(tokens.map((t) => canManage(request, t)));
      return tokens.filter((_, i) => manageable[i]);
    },
  );

  app.delete(
    '/:id',
    {
      preHandler: admins,
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token; it stops working at once',
        params: idParamsSchema,
        response: { 204: { type: 'null', description: 'revoked' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const token = await getApiToken(db, id);
      if (!token || !(await canManage(request, token))) throw notFound(`no API token with id ${id}`);
      await db.$transaction(async (tx) => {
        await revokeApiToken(tx, id);
        await audit(tx, {
          actor: actorOf(principalOf(request)),
          action: 'token.revoke',
          subject: `token:${id}`,
        });
      });
      request.server.verifiedTokens.forgetToken(id);
      return reply.code(204).send(null);
    },
  );
};
