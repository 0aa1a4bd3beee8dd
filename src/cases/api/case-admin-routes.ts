import { requireRole, assertAreaInScope } from '../../api/auth/authorize';
import { notFound } from '../../api/errors';
import { dateTime, errorResponses } from '../../api/schemas/common';
import type { RouteRegistrar } from '../../api/server';
import { mountedAt } from '../../api/typed-routes';
import { InvalidInputError } from '../../directory/errors';
import { CASE_CATEGORIES } from '../domain/case-types';
import { policyProblems, type SlaPolicy } from '../domain/sla-policy';
import type { CaseService } from '../case-service';
import { createOpen311Client } from '../open311/open311-clients';
import { slaPolicyJson } from '../sla/case-sla-rules';

const departmentBody = {
  type: 'object',
  required: ['code', 'name'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', pattern: '^[a-z0-9-]{1,32}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    phones: {
      type: 'array',
      items: { type: 'string', pattern: '^\\+[0-9]{6,20}$' },
      maxItems: 5,
      default: [],
    },
  },
} as const;

const dutyBody = {
  type: 'object',
  required: ['gridId', 'personId', 'startsAt', 'endsAt'],
  additionalProperties: false,
  properties: {
    gridId: { type: 'string', maxLength: 64 },
    personId: { type: 'string', maxLength: 64 },
    startsAt: dateTime,
    endsAt: dateTime,
  },
} as const;

const policyBody = {
  type: 'object',
  required: ['clock', 'acceptMinutes', 'dispatchMinutes'],
  additionalProperties: false,
  properties: {
    clock: { type: 'string', enum: ['elapsed', 'working'] },
    acceptMinutes: { type: 'number' },
    dispatchMinutes: { type: 'number' },
    onSiteMinutes: { type: ['number', 'null'], default: null },
    resolveMinutes: { type: ['number', 'null'], default: null },
    resolveWorkingDays: { type: ['number', 'null'], default: null },
  },
} as const;

const policyParams = {
  type: 'object',
  required: ['category', 'urgency'],
  additionalProperties: false,
  properties: {
    category: { type: 'string', enum: CASE_CATEGORIES },
    urgency: { type: 'string', enum: ['urgent', 'routine'] },
  },
} as const;

/** Setting up cases: town departments, the grids' duty roster and SLA policies. */
export function caseAdminRoutes(service: CaseService): RouteRegistrar {
  const { db } = service;
  return mountedAt('/api/v1/case-settings', async (app) => {
    app.post(
      '/departments',
      {
        preHandler: requireRole('CADRE'),
        schema: {
          tags: ['cases'],
          summary: 'Add a town department cases can be transferred to',
          body: departmentBody,
          response: {
            201: { type: 'object', properties: { id: { type: 'string' } } },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        const { code, name, phones } = request.body;
        const row = await db.caseDepartment.create({
          data: { code, name, phones: phones ?? [] },
          select: { id: true },
        });
        return reply.code(201).send(row);
      },
    );

    app.post(
      '/duty',
      {
        preHandler: requireRole('CADRE', 'DISPATCHER'),
        schema: {
          tags: ['cases'],
          summary: "Put a person on a grid's duty roster for a time span",
          body: dutyBody,
          response: {
            201: { type: 'object', properties: { id: { type: 'string' } } },
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const { gridId, personId, startsAt, endsAt } = request.body;
        await assertAreaInScope(request, gridId);
        if (!(await db.person.findUnique({ where: { id: personId } })))
          throw notFound(`no person ${personId}`);
        if (Date.parse(endsAt) <= Date.parse(startsAt)) {
          throw new InvalidInputError([{ field: 'endsAt', reason: 'must be after startsAt' }]);
        }
        const row = await db.caseDuty.create({
          data: { gridId, personId, startsAt: new Date(startsAt), endsAt: new Date(endsAt) },
          select: { id: true },
        });
        return reply.code(201).send(row);
      },
    );

    app.put(
      '/sla-policies/:category/:urgency',
      {
        preHandler: requireRole('CADRE'),
        schema: {
          tags: ['cases'],
          summary: 'Set the SLA of one category and urgency (minutes; resolve in minutes or working days)',
          params: policyParams,
          body: policyBody,
          response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const b = request.body;
        const policy: SlaPolicy = {
          clock: b.clock,
          acceptMinutes: b.acceptMinutes,
          dispatchMinutes: b.dispatchMinutes,
          onSiteMinutes: b.onSiteMinutes ?? null,
          resolveMinutes: b.resolveMinutes ?? null,
          resolveWorkingDays: b.resolveWorkingDays ?? null,
        };
        const problems = policyProblems(policy);
        if (problems.length > 0) throw new InvalidInputError(problems);
        const key = { category: request.params.category, urgent: request.params.urgency === 'urgent' };
        await db.caseSlaPolicy.upsert({
          where: { category_urgent: key },
          create: { ...key, policy: slaPolicyJson.write(policy) },
          update: { policy: slaPolicyJson.write(policy) },
        });
        return policy;
      },
    );

    app.post(
      '/open311-clients',
      {
        preHandler: requireRole('ADMIN'),
        schema: {
          tags: ['cases'],
          summary: 'Add an Open311 client; its api_key is shown once',
          body: {
            type: 'object',
            required: ['name'],
            additionalProperties: false,
            properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
          },
          response: {
            201: { type: 'object', properties: { id: { type: 'string' }, apiKey: { type: 'string' } } },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => reply.code(201).send(await createOpen311Client(db, request.body.name)),
    );
  });
}
