/** linli's roles, spelled as in the database, so a stored person's roles can be passed as they are. */
type PersonRole = 'RESIDENT' | 'ELDER' | 'FAMILY_CONTACT' | 'GRID_WORKER' | 'CADRE' | 'DISPATCHER' | 'ADMIN';

export interface LocationViewer {
  personId: string;
  roles: readonly PersonRole[];
  /** The grid a grid worker serves, or the village a cadre serves. */
  areaId: string | null;
}

export interface ElderPrivacyFacts {
  /** The elder's own family contacts. */
  familyContactIds: readonly string[];
  gridId: string;
  villageId: string;
}

type LocationAccessReason =
  | 'family_contact'
  | 'grid_worker_of_grid'
  | 'cadre_of_village'
  | 'grid_worker_of_other_grid'
  | 'cadre_of_other_village'
  | 'unrelated';

export interface LocationAccess {
  allow: boolean;
  reason: LocationAccessReason;
}

/**
 * Whether a viewer may read an elder's location. An elder's location is sensitive personal
 * information, so only the people who would be sent to help may see it: the elder's family
 * contacts, the grid worker of the elder's grid and the cadres of the elder's village.
 * The reason is for the audit entry the caller writes.
 */
export function mayReadElderLocation(viewer: LocationViewer, elder: ElderPrivacyFacts): LocationAccess {
  if (elder.familyContactIds.includes(viewer.personId)) return { allow: true, reason: 'family_contact' };
  if (viewer.roles.includes('GRID_WORKER') && viewer.areaId === elder.gridId) {
    return { allow: true, reason: 'grid_worker_of_grid' };
  }
  if (viewer.roles.includes('CADRE') && viewer.areaId === elder.villageId) {
    return { allow: true, reason: 'cadre_of_village' };
  }
  if (viewer.roles.includes('GRID_WORKER')) return { allow: false, reason: 'grid_worker_of_other_grid' };
  if (viewer.roles.includes('CADRE')) return { allow: false, reason: 'cadre_of_other_village' };
  return { allow: false, reason: 'unrelated' };
}
