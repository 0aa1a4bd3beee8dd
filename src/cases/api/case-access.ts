import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../api/auth/principal';
import { notFound } from '../../api/errors';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';

/**
 * The cases a caller may see: those of villages and grids in the caller's area. Cases with no village
 * (the dispatcher's queue) belong to the town: tokens for a town or the whole tree see them.
 */
export async function caseScope(request: FastifyRequest): Promise<Prisma.GovernanceCaseWhereInput> {
  const { areaId } = principalOf(request);
  if (areaId === null) return {};
  const tree = await request.server.areaTree.get();
  const ids = tree.subtree(areaId).map((a) => a.id);
  const either: Prisma.GovernanceCaseWhereInput[] = [{ villageId: { in: ids } }, { gridId: { in: ids } }];
  if (tree.get(areaId)?.level === 'TOWN') either.push({ villageId: null });
  return { OR: either };
}

/** The id of a case the caller may see; others answer 404, exactly like cases that do not exist. */
export async function visibleCaseId(request: FastifyRequest, db: Db, id: string): Promise<string> {
  const found = await db.governanceCase.findFirst({
    where: { AND: [{ id }, await caseScope(request)] },
    select: { id: true },
  });
  if (!found) throw notFound(`no case ${id}`);
  return found.id;
}
