import type { Principal } from '../../api/auth/principal';
import type { LocationViewer } from '../domain';

/**
 * Who is asking for an elder's location, as mayReadElderLocation sees them:
 *   a token issued to a person             → that person (a family contact of the elder may read)
 *   GRID_WORKER token scoped to a grid      → the grid worker of that grid
 *   CADRE token scoped to a village         → a cadre of that village
 *   any other token (DISPATCHER, ADMIN, ...) → nobody the rule knows (denied)
 * A token that names no person stands in as `token:<id>`, which is no person's id, so it is never
 * taken for a family contact.
 */
export function locationViewerOf(principal: Principal): LocationViewer {
  return {
    personId: principal.personId ?? `token:${principal.tokenId ?? 'bootstrap-admin'}`,
    roles: [principal.role],
    areaId: principal.areaId,
  };
}
