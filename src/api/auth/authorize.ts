import type { FastifyRequest } from 'fastify';
import type { AreaNode } from '../../directory/area-tree';
import type { AreaLevel, Role } from '../../generated/prisma/client';
import { forbidden, notFound } from '../errors';
import { principalOf } from './principal';

/**
 * A preHandler that lets through tokens with one of `roles`; ADMIN always passes. A wrong role is a
 * 403: it says something about the caller, nothing about the data.
 */
export function requireRole(...roles: Role[]): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const { role } = principalOf(request);
    if (role !== 'ADMIN' && !roles.includes(role)) {
      throw forbidden(`needs a token with role ${[...roles, 'ADMIN'].join(' or ')}; this token is ${role}`);
    }
  };
}

/** True when the area exists and lies within the caller's area (or the caller sees the whole tree). */
export async function isAreaInScope(request: FastifyRequest, areaId: string): Promise<boolean> {
  const { areaId: scopeId } = principalOf(request);
  const tree = await request.server.areaTree.getKnowing(areaId);
  if (!tree.get(areaId)) return false;
  return scopeId === null || tree.isWithin(areaId, scopeId);
}

/**
 * Throws 404 for an area outside the caller's scope. Objects outside the scope answer 404, exactly as
 * objects that do not exist, so a token cannot probe which villages, grids or households exist elsewhere.
 */
export async function assertAreaInScope(request: FastifyRequest, areaId: string): Promise<void> {
  if (!(await isAreaInScope(request, areaId))) throw notFound(`no area with id ${areaId}`);
}

/** Every area the caller may see. */
export async function areasInScope(request: FastifyRequest): Promise<AreaNode[]> {
  const { areaId } = principalOf(request);
  const tree = await request.server.areaTree.get();
  return areaId === null ? tree.nodes() : tree.subtree(areaId);
}

/**
 * An area a caller names in a filter (by id or code): one in scope, or one above the caller's area (a grid
 * worker may filter by their own village). Anything else is a 404, as for objects outside the scope.
 */
export async function resolveAreaFilter(
  request: FastifyRequest,
  idOrCode: string,
  level: AreaLevel,
): Promise<AreaNode> {
  const { areaId: scopeId } = principalOf(request);
  const tree = await request.server.areaTree.getKnowing(idOrCode);
  const area = tree.find(idOrCode);
  const visible =
    area !== undefined &&
    area.level === level &&
    (scopeId === null || tree.isWithin(area.id, scopeId) || tree.isWithin(scopeId, area.id));
  if (!visible) throw notFound(`no ${level.toLowerCase()} "${idOrCode}" in your area`);
  return area;
}
