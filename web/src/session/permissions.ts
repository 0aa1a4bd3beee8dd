import type { Role } from '../api/types';

/**
 * What each page needs, as the API's routes allow it (requireRole in src/; ADMIN passes everywhere).
 * The dashboard hides what a role cannot do; the API refuses it anyway.
 */
const NEEDS = {
  /** GET /api/v1/campaigns…, /api/v1/households, /api/v1/areas */
  readCampaigns: ['CADRE', 'DISPATCHER', 'GRID_WORKER'],
  /** POST /api/v1/campaigns, …/pause, …/resume, …/cancel, …/notify-grid-workers */
  manageCampaigns: ['CADRE', 'DISPATCHER'],
  /** GET /api/v1/sos/incidents…, POST …/resolve, GET /api/v1/elders */
  sos: ['CADRE', 'DISPATCHER', 'GRID_WORKER'],
  /** GET /api/v1/cases…, POST …/transitions */
  cases: ['CADRE', 'DISPATCHER', 'GRID_WORKER'],
  /** GET /api/v1/case-reports/figures (the weekly report) */
  caseReports: ['CADRE', 'DISPATCHER'],
  /** GET /api/v1/broadcasts…, /api/v1/speakers… */
  readBroadcasts: ['CADRE', 'DISPATCHER', 'GRID_WORKER'],
  /** POST /api/v1/broadcasts, …/cancel */
  manageBroadcasts: ['CADRE', 'DISPATCHER'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof NEEDS;

export function may(role: Role, permission: Permission): boolean {
  return role === 'ADMIN' || (NEEDS[permission] as readonly Role[]).includes(role);
}
