import type { FastifyRequest } from 'fastify';
import { audit } from '../../audit/audit-log';
import { areasInScope, isAreaInScope, requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { conflict, notFound } from '../../api/errors';
import { dateTime, errorResponses, idParamsSchema, nullableDateTime } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import type { EscalationRunner } from './escalation-runner';
import { incidentStateJson, incidentTimelineJson } from './incident-json';
import { recordSelect } from './incident-store';

const readers = requireRole('GRID_WORKER', 'CADRE', 'DISPATCHER');
const tags = ['sos'];

const incidentSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    elderId: { type: 'string' },
    elderName: { type: 'string' },
    status: {
      type: 'string',
      description:
        'escalating, connected, responder_en_route, exhausted (nobody accepted: dispatcher), resolved',
    },
    trigger: { type: 'string', description: 'sos_call or alarm_frame: what opened the incident' },
    elderCallId: { type: ['string', 'null'] },
    elderOnLine: { type: 'boolean' },
    round: { type: 'integer' },
    responder: { type: ['string', 'null'], description: 'person id of the contact who accepted' },
    location: { type: ['string', 'null'], description: 'as told to the contacts' },
    openedAt: dateTime,
    resolvedAt: nullableDateTime,
    resolvedBy: { type: ['string', 'null'] },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: dateTime,
          kind: { type: 'string' },
          contactId: { type: ['string', 'null'] },
          callId: { type: 'string' },
          detail: { type: 'string' },
        },
      },
    },
  },
} as const;

const incidentSelect = {
  ...recordSelect,
  timeline: true,
  elder: { select: { gridId: true } },
} as const satisfies Prisma.SosIncidentSelect;

type IncidentRow = Prisma.SosIncidentGetPayload<{ select: typeof incidentSelect }>;

function incidentView(row: IncidentRow) {
  const state = incidentStateJson.read(row.id, row.state);
  return {
    id: row.id,
    elderId: row.elderId,
    status: row.status,
    trigger: row.trigger,
    elderCallId: row.elderCallId,
    openedAt: row.openedAt,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
    timeline: incidentTimelineJson.read(row.id, row.timeline),
    elderName: state.elderName,
    elderOnLine: state.escalation.elderOnLine,
    round: state.escalation.round,
    responder: state.escalation.responder?.contactId ?? null,
    location: state.locationWords,
  };
}

async function incidentInScope(db: Db, request: FastifyRequest, id: string): Promise<IncidentRow> {
  const row = await db.sosIncident.findUnique({ where: { id }, select: incidentSelect });
  if (!row || !(await isAreaInScope(request, row.elder.gridId)))
    throw notFound(`no SOS incident with id ${id}`);
  return row;
}

export const incidentListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['open', 'resolved', 'all'], default: 'open' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

/** The incidents of the caller's area, newest first. */
export async function incidentsInScope(
  db: Db,
  request: FastifyRequest,
  { status, limit }: { status: 'open' | 'resolved' | 'all'; limit: number },
) {
  const scoped = principalOf(request).areaId !== null;
  const gridIds = scoped
    ? (await areasInScope(request)).filter((a) => a.level === 'GRID').map((a) => a.id)
    : null;
  const rows = await db.sosIncident.findMany({
    where: {
      ...(status === 'open'
        ? { resolvedAt: null }
        : status === 'resolved'
          ? { resolvedAt: { not: null } }
          : {}),
      ...(gridIds === null ? {} : { elder: { gridId: { in: gridIds } } }),
    },
    select: incidentSelect,
    orderBy: { openedAt: 'desc' },
    take: limit,
  });
  return rows.map(incidentView);
}

/** SOS incidents: what happened so far, and closing them once someone is with the elder. */
export function incidentRoutes(deps: { db: Db; runner: EscalationRunner }): RouteRegistrar {
  const { db } = deps;
  return mountedAt('/api/v1/sos/incidents', async (app) => {
    app.get(
      '',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: "SOS incidents in the caller's area, newest first",
          querystring: incidentListQuerySchema,
          response: {
            200: { type: 'object', properties: { items: { type: 'array', items: incidentSchema } } },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => ({ items: await incidentsInScope(db, request, request.query) }),
    );

    app.get(
      '/:id',
      {
        preHandler: readers,
        schema: {
          tags,
          summary: 'One SOS incident with its timeline: every call, answer, key and bridge',
          params: idParamsSchema,
          response: { 200: incidentSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => incidentView(await incidentInScope(db, request, request.params.id)),
    );

    app.post(
      '/:id/resolve',
      {
        preHandler: readers,
        schema: {
          tags,
          summary:
            'Close an incident: someone is with the elder. Calls still ringing stop; a connected responder stays on',
          params: idParamsSchema,
          body: {
            type: 'object',
            additionalProperties: false,
            properties: {
              by: { type: 'string', minLength: 1, maxLength: 64, description: "the responder's person id" },
              note: { type: 'string', maxLength: 1000 },
            },
          },
          response: { 200: incidentSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const row = await incidentInScope(db, request, request.params.id);
        if (row.resolvedAt)
          throw conflict(`incident ${row.id} was already resolved by ${row.resolvedBy ?? 'someone'}`);
        const actor = actorOf(principalOf(request));
        const by = request.body?.by ?? actor;
        await deps.runner.feed(row.id, { kind: 'resolved', by, via: 'api' });
        await audit(db, {
          actor,
          action: 'sos.resolve',
          subject: `sos-incident:${row.id}`,
          details: { by, ...(request.body?.note ? { note: request.body.note } : {}) },
        });
        return incidentView(await incidentInScope(db, request, row.id));
      },
    );
  });
}
