import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit/audit-log';
import { areasInScope, isAreaInScope, requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { notFound } from '../../api/errors';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import type { Db } from '../../db/client';
import { InvalidInputError } from '../../directory/errors';
import { resolveElderContacts, saveElderContacts } from './elder-contacts-registry';
import { createElder, getElder, listElders, placeElder, updateElder } from './elder-registry';
import { elderSettingsProblems, type ElderSettingsInput } from './elder-settings';
import type { ElderView } from './elder-view';
import {
  contactsBodySchema,
  elderPatchSchema,
  elderViewSchema,
  listQuerySchema,
  newElderBodySchema,
} from './registry-schemas';

const writers = requireRole('GRID_WORKER', 'CADRE');
const readers = requireRole('GRID_WORKER', 'CADRE', 'DISPATCHER');
const tags = ['sos'];

/** An elder the caller may see, or 404 exactly as for one that does not exist. */
export async function elderInScope(db: Db, request: FastifyRequest, id: string): Promise<ElderView> {
  const elder = await getElder(db, id);
  if (!elder || !(await isAreaInScope(request, elder.gridId))) throw notFound(`no elder with id ${id}`);
  return elder;
}

function checkSettings(settings: ElderSettingsInput | undefined): void {
  const problems = settings
    ? elderSettingsProblems(settings).map((p) => ({ ...p, field: `settings.${p.field}` }))
    : [];
  if (problems.length > 0) throw new InvalidInputError(problems);
}

/** The elder registry: who is looked after, how they are escalated, and whom to call. */
export function elderRoutes(deps: { db: Db }): RouteRegistrar {
  const { db } = deps;
  return mountedAt('/api/v1/elders', async (app) => {
    app.post(
      '',
      {
        preHandler: writers,
        schema: {
          tags,
          summary: 'Register a person of the directory as an elder with an SOS card service',
          body: newElderBodySchema,
          response: { 201: elderViewSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const body = request.body;
        checkSettings(body.settings);
        const placement = await placeElder(db, body.personId);
        if (!(await isAreaInScope(request, placement.gridId))) {
          throw new InvalidInputError([
            { field: 'personId', reason: 'no person with this id in the directory' },
          ]);
        }
        const contacts = body.contacts ? await resolveElderContacts(db, body.personId, body.contacts) : [];
        const created = await createElder(db, placement, body);
        if (contacts.length > 0) await saveElderContacts(db, created.id, contacts);
        await audit(db, {
          actor: actorOf(principalOf(request)),
          action: 'elder.create',
          subject: `elder:${created.id}`,
        });
        // Read again to show the contacts just saved (a 404 if the elder went in between, never a null).
        return reply
          .code(201)
          .send(contacts.length > 0 ? await elderInScope(db, request, created.id) : created);
      },
    );

    app.get(
      '',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: "Elders in the caller's area",
          querystring: listQuerySchema,
          response: {
            200: {
              type: 'object',
              properties: { items: { type: 'array', items: elderViewSchema }, total: { type: 'integer' } },
            },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const scoped = principalOf(request).areaId !== null;
        const gridIds = scoped
          ? (await areasInScope(request)).filter((a) => a.level === 'GRID').map((a) => a.id)
          : null;
        return listElders(db, { gridIds, limit: request.query.limit, offset: request.query.offset });
      },
    );

    app.get(
      '/:id',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: 'One elder with settings, contacts and cards',
          params: idParamsSchema,
          response: { 200: elderViewSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => elderInScope(db, request, request.params.id),
    );

    app.patch(
      '/:id',
      {
        preHandler: writers,
        schema: {
          tags,
          summary: 'Change the notes for responders, the dialect or the escalation and inactivity settings',
          params: idParamsSchema,
          body: elderPatchSchema,
          response: { 200: elderViewSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        await elderInScope(db, request, request.params.id);
        checkSettings(request.body.settings);
        const updated = await updateElder(db, request.params.id, request.body);
        await audit(db, {
          actor: actorOf(principalOf(request)),
          action: 'elder.update',
          subject: `elder:${updated.id}`,
          details: { fields: Object.keys(request.body) },
        });
        return updated;
      },
    );

    app.put(
      '/:id/contacts',
      {
        preHandler: writers,
        schema: {
          tags,
          summary:
            "Replace the elder's ordered contacts (then sync them to the card: POST /api/v1/cards/:id/commands)",
          params: idParamsSchema,
          body: contactsBodySchema,
          response: { 200: elderViewSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const elder = await elderInScope(db, request, request.params.id);
        const contacts = await resolveElderContacts(db, elder.personId, request.body.contacts);
        await saveElderContacts(db, elder.id, contacts);
        await audit(db, {
          actor: actorOf(principalOf(request)),
          action: 'elder.contacts',
          subject: `elder:${elder.id}`,
          details: { contacts: contacts.map((c) => ({ personId: c.id, role: c.role })) },
        });
        return elderInScope(db, request, elder.id);
      },
    );
  });
}
