import type { FastifyRequest } from 'fastify';
import { assertAreaInScope, requireRole } from '../../api/auth/authorize';
import { actorOf, principalOf } from '../../api/auth/principal';
import { conflict, notFound } from '../../api/errors';
import { InvalidInputError } from '../../directory/errors';
import { errorResponses, idParamsSchema } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { gridAssignee } from '../assignment/grid-assignee';
import type { CaseService } from '../case-service';
import type { CaseActor } from '../domain/case-types';
import { caseScopeOf, visibleCaseId } from './case-access';
import { decodeCursor, encodeCursor, listCases } from './case-list-query';
import {
  caseDetailSchema,
  caseListItemSchema,
  dispatchBodySchema,
  listCasesQuerySchema,
  newCaseBodySchema,
  noteBodySchema,
  stepResultSchema,
  transferBodySchema,
  transitionBodySchema,
} from './case-schemas';
import { caseDetail, caseListItem } from './case-view';

const WORKERS = ['GRID_WORKER', 'CADRE', 'DISPATCHER'] as const;
const stepResponses = { 200: stepResultSchema, ...errorResponses(400, 401, 403, 404, 409) };

const actor = (request: FastifyRequest): CaseActor => {
  const principal = principalOf(request);
  return principal.personId ? `person:${principal.personId}` : actorOf(principal);
};

const stepResult = (r: { caseId: string; seq: number; state: string; nextDeadlineAt: number | null }) => ({
  ...r,
  nextDeadlineAt: r.nextDeadlineAt === null ? null : new Date(r.nextDeadlineAt),
});

/** /api/v1/cases: lists with SLA countdowns, a case with its timeline, patrol reports and each step of a case. */
export function caseRoutes(service: CaseService): RouteRegistrar {
  const { db } = service;
  return mountedAt('/api/v1/cases', async (app) => {
    app.get(
      '',
      {
        preHandler: requireRole(...WORKERS),
        schema: {
          tags: ['cases'],
          summary: 'Cases in your area, soonest deadline first, with the time left',
          querystring: listCasesQuerySchema,
          response: {
            200: {
              type: 'object',
              properties: {
                items: { type: 'array', items: caseListItemSchema },
                next: {
                  type: ['string', 'null'],
                  description: 'pass as `after` for the next page; null on the last page',
                },
              },
            },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const now = service.now();
        const cursor = q.after === undefined ? null : decodeCursor(q.after);
        if (q.after !== undefined && cursor === null) {
          throw new InvalidInputError([{ field: 'after', reason: 'is not a `next` this list gave out' }]);
        }
        const limit = q.limit ?? 50;
        const rows = await listCases(db, await caseScopeOf(request), { ...q, limit }, cursor, now);
        const last = rows.length === limit ? rows.at(-1) : undefined;
        return {
          items: rows.map((r) => caseListItem(r, now)),
          next: last
            ? encodeCursor({
                deadline: last.nextDeadlineAt?.getTime() ?? null,
                opened: last.openedAt.getTime(),
                id: last.id,
              })
            : null,
        };
      },
    );

    app.get(
      '/:id',
      {
        preHandler: requireRole(...WORKERS),
        schema: {
          tags: ['cases'],
          summary: 'A case: its message, SLA stage by stage and its timeline',
          params: idParamsSchema,
          response: { 200: caseDetailSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const { id } = request.params;
        const detail = await caseDetail(db, service.rules, id, await caseScopeOf(request), service.now());
        // A case outside the caller's area answers exactly like one that does not exist.
        if (!detail) throw notFound(`no case ${id}`);
        return detail;
      },
    );

    app.post(
      '',
      {
        preHandler: requireRole(...WORKERS),
        schema: {
          tags: ['cases'],
          summary: 'Report a case (a grid worker on patrol, a cadre taking a visit)',
          body: newCaseBodySchema,
          response: {
            201: { type: 'object', properties: { id: { type: 'string' }, number: { type: 'string' } } },
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const areaId = body.areaId ?? principalOf(request).areaId ?? undefined;
        if (areaId !== undefined) await assertAreaInScope(request, areaId);
        if (body.householdId !== undefined) {
          const household = await db.household.findUnique({
            where: { id: body.householdId },
            select: { gridId: true },
          });
          if (!household) throw notFound(`no household ${body.householdId}`);
          await assertAreaInScope(request, household.gridId);
        }
        const opened = await service.open({
          channel: 'api',
          category: body.category,
          urgent: body.urgent ?? false,
          areaId,
          householdId: body.householdId,
          address: body.address,
          callerNumber: body.callerNumber,
          description: body.description,
          reportedBy: actor(request),
        });
        return reply.code(201).send(opened);
      },
    );

    app.post(
      '/:id/transitions',
      {
        preHandler: requireRole(...WORKERS),
        schema: {
          tags: ['cases'],
          summary: 'Move a case: accepted, dispatched, on_site, waiting_resident, resolved, closed, reopened',
          description:
            '409 with the reason when the case cannot go there from where it is, or moved meanwhile.',
          params: idParamsSchema,
          body: transitionBodySchema,
          response: stepResponses,
        },
      },
      async (request) => {
        const id = await visibleCaseId(request, db, request.params.id);
        const { to, note, channel, expectedSeq } = request.body;
        return stepResult(
          await service.step(id, {
            type: 'transition',
            to,
            note,
            channel: channel ?? 'api',
            actor: actor(request),
            expectedSeq,
          }),
        );
      },
    );

    app.post(
      '/:id/dispatch',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['cases'],
          summary: "Dispatch an accepted case to a grid worker (by default the grid's duty roster)",
          params: idParamsSchema,
          body: dispatchBodySchema,
          response: stepResponses,
        },
      },
      async (request) => {
        const id = await visibleCaseId(request, db, request.params.id);
        const body = request.body;
        const row = await db.governanceCase.findUniqueOrThrow({ where: { id }, select: { gridId: true } });
        const gridId = body.gridId ?? row.gridId;
        if (body.gridId !== undefined) await assertAreaInScope(request, body.gridId);
        const assigneeId =
          body.assigneeId ?? (gridId ? await gridAssignee(db, gridId, new Date(service.now())) : null);
        if (!assigneeId)
          throw conflict(
            'nobody to dispatch to: the case has no grid with a duty roster or grid worker; name an assignee',
          );
        if (
          body.assigneeId !== undefined &&
          !(await db.person.findUnique({ where: { id: body.assigneeId } }))
        ) {
          throw notFound(`no person ${body.assigneeId}`);
        }
        return stepResult(
          await service.step(id, {
            type: 'assigned',
            to: 'dispatched',
            onlyFrom: ['accepted'],
            actor: actor(request),
            channel: body.channel ?? 'api',
            note: body.note,
            details: { assigneeId, ...(gridId ? { gridId } : {}) },
            set: { assigneeId, ...(gridId ? { gridId } : {}) },
            expectedSeq: body.expectedSeq,
          }),
        );
      },
    );

    app.post(
      '/:id/transfer',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['cases'],
          summary: 'Transfer a case up to a town department (吹哨报到); the department then accepts it',
          params: idParamsSchema,
          body: transferBodySchema,
          response: stepResponses,
        },
      },
      async (request) => {
        const id = await visibleCaseId(request, db, request.params.id);
        const { department, note, channel } = request.body;
        const found = await db.caseDepartment.findFirst({
          where: { OR: [{ id: department }, { code: department }] },
          select: { id: true },
        });
        if (!found) throw notFound(`no department ${department}`);
        const row = await db.governanceCase.findUniqueOrThrow({ where: { id }, select: { state: true } });
        return stepResult(
          await service.step(id, {
            type: 'transferred',
            to: row.state === 'accepted' ? 'dispatched' : undefined,
            onlyFrom: ['accepted', 'dispatched', 'on_site'],
            actor: actor(request),
            channel: channel ?? 'api',
            note,
            details: { departmentId: found.id },
            set: { departmentId: found.id },
          }),
        );
      },
    );

    app.post(
      '/:id/department-acceptance',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['cases'],
          summary: 'The department the case was transferred to accepts it',
          params: idParamsSchema,
          body: noteBodySchema,
          response: stepResponses,
        },
      },
      async (request) => {
        const id = await visibleCaseId(request, db, request.params.id);
        const { eventCount } = await db.governanceCase.findUniqueOrThrow({
          where: { id },
          select: { eventCount: true },
        });
        const events = await db.caseEvent.findMany({
          where: { caseId: id, type: { in: ['transferred', 'department_accepted'] } },
          orderBy: { seq: 'desc' },
          take: 1,
          select: { type: true },
        });
        if (events[0]?.type !== 'transferred') {
          throw conflict(
            'the case is not waiting for a department: transfer it first, or it was already accepted',
          );
        }
        return stepResult(
          await service.step(id, {
            type: 'department_accepted',
            onlyFrom: ['dispatched', 'on_site'],
            actor: actor(request),
            channel: request.body.channel ?? 'api',
            note: request.body.note,
            // Two people accepting for the department at once: the second finds the case moved.
            expectedSeq: eventCount,
          }),
        );
      },
    );
  });
}
