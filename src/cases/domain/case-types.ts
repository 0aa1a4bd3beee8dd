/** How a case came in. */
export type CaseIntake = 'phone' | 'api' | 'open311' | 'sos-unknown';

export const CASE_CATEGORIES = ['complaint', 'consultation', 'suggestion', 'business', 'urgent'] as const;
/** 投诉/反映, 咨询, 建议, 助企服务, and urgent danger to life or property. */
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_STATES = [
  'received',
  'accepted',
  'dispatched',
  'on_site',
  'waiting_resident',
  'resolved',
  'closed',
  'reopened',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Where a step was taken: a phone key, the API, the dashboard, an Open311 client, or linli itself. */
export type StepChannel = 'phone-key' | 'api' | 'dashboard' | 'open311' | 'system';

/**
 * Who took a step, written `kind:id`: `person:<id>`, `token:<id>`, `caller:<e164>`, `open311:<client>`,
 * `department:<id>` or `system`.
 */
export type CaseActor = string;

export type TranscriptStatus = 'pending' | 'none' | 'done';
