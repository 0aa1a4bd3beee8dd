import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../api/auth/principal';
import { notFound } from '../../api/errors';
import type { Db } from '../../db/client';
import type { SqlParams } from '../../db/sql-params';
import type { Prisma } from '../../generated/prisma/client';

/** The areas whose cases a caller sees, and whether the town's queue (cases with no village) is theirs. */
export interface CaseScope {
  ids: string[];
  town: boolean;
}

/** The areas whose cases a caller sees (null: every case). */
export async function caseScopeOf(request: FastifyRequest): Promise<CaseScope | null> {
  const { areaId } = principalOf(request);
  if (areaId === null) return null;
  const tree = await request.server.areaTree.get();
  return { ids: tree.subtree(areaId).map((a) => a.id), town: tree.get(areaId)?.level === 'TOWN' };
}

/**
 * The cases a caller may see: those of villages and grids in the caller's area. Cases with no village
 * (the dispatcher's queue) belong to the town: tokens for a town or the whole tree see them.
 */
export async function caseScope(request: FastifyRequest): Promise<Prisma.GovernanceCaseWhereInput> {
  const scope = await caseScopeOf(request);
  if (scope === null) return {};
  const either: Prisma.GovernanceCaseWhereInput[] = [
    { villageId: { in: scope.ids } },
    { gridId: { in: scope.ids } },
  ];
  if (scope.town) either.push({ villageId: null });
  return { OR: either };
}

/**
 * The cases of `scope` as a condition on `c` (GovernanceCase) for the list's and the detail's
 * statements, its area ids added to `params`.
 */
export function caseScopeCondition(scope: CaseScope | null, params: SqlParams): string {
  if (scope === null) return 'TRUE';
  const ids = params.add(scope.ids);
  const town = scope.town ? ' OR c."villageId" IS NULL' : '';
  return `(c."villageId" = ANY (${ids}::text[]) OR c."gridId" = ANY (${ids}::text[])${town})`;
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
