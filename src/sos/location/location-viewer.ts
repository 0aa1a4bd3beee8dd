import type { Principal } from '../../api/auth/principal';
import type { LocationViewer } from '../domain';

/**
 * Who is asking for an elder's location, as mayReadElderLocation sees them. API tokens carry a
 * role and an area but are not linked to a person, so:
 *   GRID_WORKER token scoped to a grid      → the grid worker of that grid
 *   CADRE token scoped to a village         → a cadre of that village
 *   FAMILY_CONTACT, DISPATCHER, ADMIN, ...  → nobody the rule knows (denied)
 * Family members can read the location once tokens name the person they were issued to; until
 * then the token's own id stands in for the person and matches no contact.
 */
export function locationViewerOf(principal: Principal): LocationViewer {
  return {
    personId: `token:${principal.tokenId ?? 'bootstrap-admin'}`,
    roles: [principal.role],
    areaId: principal.areaId,
  };
}
