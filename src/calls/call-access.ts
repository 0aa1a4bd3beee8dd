import type { FastifyRequest } from 'fastify';
import { principalOf } from '../api/auth/principal';
import { forbidden, notFound } from '../api/errors';
import type { Db } from '../db/client';
import type { AreaTree } from '../directory/area-tree';
import type { Call } from '../generated/prisma/client';

/** The areas of the households and people a number belongs to (a household's grid, a person's area). */
async function areasOfNumber(db: Db, e164: string): Promise<string[]> {
  const phones = await db.phoneNumber.findMany({
    where: { e164 },
    select: {
      household: { select: { gridId: true } },
      person: { select: { areaId: true, household: { select: { gridId: true } } } },
    },
  });
  return phones.flatMap((p) =>
    [p.household?.gridId, p.person?.household?.gridId, p.person?.areaId].filter(
      (id): id is string => typeof id === 'string',
    ),
  );
}

/** The lowest area holding all of `ids`. */
function lowestCommonArea(tree: AreaTree, ids: readonly string[]): string | null {
  const [first, ...rest] = ids;
  for (
    let node = first ? tree.get(first) : undefined;
    node;
    node = node.parentId ? tree.get(node.parentId) : undefined
  ) {
    const candidate = node.id;
    if (rest.every((id) => tree.isWithin(id, candidate))) return candidate;
  }
  return null;
}

/**
 * The area a new call to `e164` belongs to, which decides who may read it: the households and people of
 * the caller's area the number belongs to. A number outside the caller's area (or outside the directory)
 * could be anyone's, so only an ADMIN token calls it, and the call belongs to that token's area.
 */
export async function areaOfNewCall(request: FastifyRequest, db: Db, e164: string): Promise<string | null> {
  const { role, areaId: scope } = principalOf(request);
  const tree = await request.server.areaTree.get();
  const known = (await areasOfNumber(db, e164)).filter((id) => scope === null || tree.isWithin(id, scope));
  if (known.length > 0) return lowestCommonArea(tree, known) ?? scope;
  if (role === 'ADMIN') return scope;
  throw forbidden(
    `a ${role} token calls only numbers of households and people in its area; other numbers need an ADMIN token`,
  );
}

/** A call the caller may read: one of the caller's area. Others answer 404, as calls that do not exist. */
export async function visibleCall(request: FastifyRequest, db: Db, id: string): Promise<Call> {
  const missing = notFound(`no call ${id}`);
  const call = await db.call.findUnique({ where: { id } });
  if (!call) throw missing;
  const { areaId: scope } = principalOf(request);
  if (scope === null) return call;
  if (call.areaId !== null && (await request.server.areaTree.get()).isWithin(call.areaId, scope)) return call;
  throw missing;
}
