import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client';
import type { AreaNode } from '../../directory/area-tree';
import { getPerson, listPeople, type PersonView } from '../../directory/people';
import { personChangedDetails, personCreatedDetails } from '../../directory/people-audit';
import { createPerson, updatePerson, type PlacementScope } from '../../directory/people-write';
import type { Role } from '../../generated/prisma/client';
import { audit } from '../../audit/audit-log';
import { areasInScope, isAreaInScope, requireRole } from '../auth/authorize';
import { actorOf, principalOf } from '../auth/principal';
import { forbidden, notFound } from '../errors';
import { errorResponses, idParamsSchema } from '../schemas/common';
import {
  createPersonBodySchema,
  listPeopleQuerySchema,
  patchPersonBodySchema,
  personPageSchema,
  personSchema,
} from '../schemas/person';
import type { ApiRoutes } from '../typed-routes';

const readers = requireRole('GRID_WORKER', 'CADRE', 'DISPATCHER');
const writers = requireRole('GRID_WORKER', 'CADRE');
const tags = ['people'];

/**
 * A grid worker registers the family contacts of the elders in their grid; the village's grid workers
 * and cadres are a cadre's to register; only an admin gives anyone the ADMIN role.
 */
function assertMayManage(request: FastifyRequest, roles: readonly Role[]): void {
  const { role } = principalOf(request);
  if (role === 'ADMIN') return;
  if (role === 'CADRE' && !roles.includes('ADMIN')) return;
  if (role === 'GRID_WORKER' && roles.every((r) => r === 'FAMILY_CONTACT')) return;
  const allowed = role === 'GRID_WORKER' ? 'only FAMILY_CONTACT people' : 'people without the ADMIN role';
  throw forbidden(`a ${role} token manages ${allowed}; this person is ${roles.join(', ')}`);
}

const scopeOf = (request: FastifyRequest): PlacementScope => ({
  includesArea: (areaId) => isAreaInScope(request, areaId),
});

/** A person the caller may see (through their area or their household's grid), or 404 as for none. */
async function personInScope(db: Db, request: FastifyRequest, id: string): Promise<PersonView> {
  const person = await getPerson(db, id);
  const visible =
    person !== null &&
    (principalOf(request).areaId === null ||
      (person.area !== null && (await isAreaInScope(request, person.area.id))) ||
      (person.household !== null && (await isAreaInScope(request, person.household.gridId))));
  if (!visible) throw notFound(`no person with id ${id}`);
  return person;
}

/**
 * The area a list is filtered by, at any level: one in scope, or one above the caller's area (a grid
 * worker may name their village). Anything else is a 404 with one message, whether it exists or not.
 */
async function areaFilter(request: FastifyRequest, idOrCode: string): Promise<AreaNode> {
  const { areaId: scopeId } = principalOf(request);
  const tree = await request.server.areaTree.getKnowing(idOrCode);
  const area = tree.find(idOrCode);
  const visible =
    area !== undefined &&
    (scopeId === null || tree.isWithin(area.id, scopeId) || tree.isWithin(scopeId, area.id));
  if (!visible) throw notFound(`no area "${idOrCode}" in your area`);
  return area;
}

/** Under /api/v1/people. */
export const peopleRoutes: ApiRoutes<{ db: Db }> = async (app, { db }) => {
  app.post(
    '',
    {
      preHandler: writers,
      schema: {
        tags,
        summary: 'Register a grid worker, cadre, dispatcher or family contact, with their phones',
        description:
          'A GRID_WORKER token may register FAMILY_CONTACT people only. areaId and householdId must lie in ' +
          "the caller's area; every problem is reported at once as a field error and nothing is written.",
        body: createPersonBodySchema,
        response: { 201: personSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      assertMayManage(request, request.body.roles);
      const person = await db.$transaction(async (tx) => {
        const created = await createPerson(tx, request.body, scopeOf(request));
        await audit(tx, {
          actor: actorOf(principalOf(request)),
          action: 'person.create',
          subject: `person:${created.id}`,
          details: personCreatedDetails(created),
        });
        return created;
      });
      return reply.code(201).send(person);
    },
  );

  app.get(
    '',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: "People in the caller's area, through the area they serve or their household's grid",
        querystring: listPeopleQuerySchema,
        response: { 200: personPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { role, area, limit, offset } = request.query;
      let areaIds: string[] | null = null;
      if (principalOf(request).areaId !== null || area !== undefined) {
        const within = area === undefined ? undefined : await areaFilter(request, area);
        const tree = await app.areaTree.get();
        areaIds = (await areasInScope(request))
          .filter((node) => within === undefined || tree.isWithin(node.id, within.id))
          .map((node) => node.id);
      }
      const page = await listPeople(db, { areaIds, role, limit, offset });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/:id',
    {
      preHandler: readers,
      schema: {
        tags,
        summary: 'One person; 404 also when they lie outside the caller’s area',
        params: idParamsSchema,
        response: { 200: personSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => personInScope(db, request, request.params.id),
  );

  app.patch(
    '/:id',
    {
      preHandler: writers,
      schema: {
        tags,
        summary: "Change a person's name, phones (the whole list) or area",
        params: idParamsSchema,
        body: patchPersonBodySchema,
        response: { 200: personSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      assertMayManage(request, (await personInScope(db, request, id)).roles);
      return db.$transaction(async (tx) => {
        const { before, after } = await updatePerson(tx, id, request.body, scopeOf(request));
        await audit(tx, {
          actor: actorOf(principalOf(request)),
          action: 'person.update',
          subject: `person:${id}`,
          details: personChangedDetails(before, after),
        });
        return after;
      });
    },
  );
};
