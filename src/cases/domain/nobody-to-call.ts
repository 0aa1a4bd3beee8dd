import type { LadderStep } from '../timers/escalation-ladder';

/** Whom a deadline step rings: the assignee at 80%, then the breach ladder's roles. */
export const CALL_ROLES = ['assignee', 'supervisor', 'department'] as const;
export type CallRole = (typeof CALL_ROLES)[number];

/** Why a deadline step found nobody to ring, each naming what a dispatcher would fix. */
export const NOBODY_REASONS = [
  'no-assignee-or-grid',
  'assignee-without-phone',
  'grid-worker-without-phone',
  'supervisor-without-phone',
  'not-transferred',
  'department-without-phone',
] as const;
export type NobodyReason = (typeof NOBODY_REASONS)[number];

/** A deadline step that rang nobody, as its timeline entry keeps it. */
export interface NobodyToCall {
  /** escalation-warn or escalation-breach-<level>, as a call for the same step would say. */
  purpose: string;
  stage: string;
  role: CallRole;
  reason: NobodyReason;
}

/** Whom a deadline action rings: the 80% reminder goes to the assignee, a breach to its ladder step. */
export function deadlineCallRole(kind: 'warn' | 'breach', step: LadderStep | undefined): CallRole {
  if (kind === 'warn') return 'assignee';
  return step?.role ?? 'supervisor';
}

/**
 * Why nobody could be called for `role`, from what the case names (the lookups found no phone): a
 * missing assignee, grid or department is the case's; anyone it names without a phone is the directory's.
 */
export function whyNobodyToCall(
  role: CallRole,
  c: { assigneeId: string | null; gridId: string | null; departmentId: string | null },
): NobodyReason {
  switch (role) {
    case 'assignee':
      if (c.assigneeId) return 'assignee-without-phone';
      return c.gridId ? 'grid-worker-without-phone' : 'no-assignee-or-grid';
    case 'supervisor':
      return 'supervisor-without-phone';
    case 'department':
      return c.departmentId ? 'department-without-phone' : 'not-transferred';
  }
}

const STEP_TEXT: Record<CallRole, string> = {
  assignee: '80% reminder to the assignee',
  supervisor: 'breach call to the supervisor',
  department: 'breach call to the department',
};

const REASON_TEXT: Record<NobodyReason, string> = {
  'no-assignee-or-grid': 'the case has no assignee and no grid',
  'assignee-without-phone': 'neither the assignee nor the grid worker on duty has a phone number',
  'grid-worker-without-phone': 'the case has no assignee and no grid worker on duty has a phone number',
  'supervisor-without-phone': 'no village cadre and no town dispatcher has a phone number',
  'not-transferred': 'the case was not transferred to a department',
  'department-without-phone': 'the department has no phone number',
};

/** The timeline note: which step was due, and why nobody could be called. */
export function nobodyToCallNote(entry: Pick<NobodyToCall, 'stage' | 'role' | 'reason'>): string {
  return `${entry.stage} stage: ${STEP_TEXT[entry.role]} was due, nobody could be called: ${REASON_TEXT[entry.reason]}`;
}
