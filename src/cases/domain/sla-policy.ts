import type { FieldProblem } from '../../validation/field-problem';
import type { CaseCategory } from './case-types';

/** The stages a case's SLA times: from opening to acceptance, and so on; resolve runs from opening. */
export const SLA_STAGES = ['accept', 'dispatch', 'on_site', 'resolve'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

/**
 * Time allowed for each stage. `elapsed` counts every minute (urgent cases); `working` counts only
 * working hours on working days, so a complaint phoned in at night starts being timed the next
 * working morning. A stage with null is not timed (on site, for a consultation).
 */
export interface SlaPolicy {
  clock: 'elapsed' | 'working';
  acceptMinutes: number;
  dispatchMinutes: number;
  onSiteMinutes: number | null;
  /** Either minutes or working days (one working day is one day's working hours) to resolve. */
  resolveMinutes: number | null;
  resolveWorkingDays: number | null;
}

/** The seed systems' commitments: accept ≤1 min, dispatch 3–5 min, on site ≤10 min, resolve 24 h / 3 working days. */
export const URGENT_POLICY: SlaPolicy = {
  clock: 'elapsed',
  acceptMinutes: 1,
  dispatchMinutes: 3,
  onSiteMinutes: 10,
  resolveMinutes: 24 * 60,
  resolveWorkingDays: null,
};

export const ROUTINE_POLICY: SlaPolicy = {
  clock: 'working',
  acceptMinutes: 1,
  dispatchMinutes: 5,
  onSiteMinutes: null,
  resolveMinutes: null,
  resolveWorkingDays: 3,
};

export function defaultPolicy(_category: CaseCategory, urgent: boolean): SlaPolicy {
  return urgent ? URGENT_POLICY : ROUTINE_POLICY;
}

/** The budget of a stage in counted milliseconds; null when the stage is not timed. */
export function stageBudgetMs(policy: SlaPolicy, stage: SlaStage, workingDayMs: number): number | null {
  switch (stage) {
    case 'accept':
      return policy.acceptMinutes * 60_000;
    case 'dispatch':
      return policy.dispatchMinutes * 60_000;
    case 'on_site':
      return policy.onSiteMinutes === null ? null : policy.onSiteMinutes * 60_000;
    case 'resolve':
      if (policy.resolveMinutes !== null) return policy.resolveMinutes * 60_000;
      if (policy.resolveWorkingDays !== null) {
        return policy.resolveWorkingDays * (policy.clock === 'working' ? workingDayMs : 24 * 3_600_000);
      }
      return null;
  }
}

/** What is wrong with a policy (negative or missing times), as field problems; empty when it is usable. */
export function policyProblems(policy: SlaPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const positive = (field: keyof SlaPolicy, value: number | null, required: boolean) => {
    if (value === null) {
      if (required) problems.push({ field, reason: 'is required' });
    } else if (!Number.isFinite(value) || value <= 0) {
      problems.push({ field, reason: 'must be a positive number of minutes or days' });
    }
  };
  positive('acceptMinutes', policy.acceptMinutes, true);
  positive('dispatchMinutes', policy.dispatchMinutes, true);
  positive('onSiteMinutes', policy.onSiteMinutes, false);
  positive('resolveMinutes', policy.resolveMinutes, false);
  positive('resolveWorkingDays', policy.resolveWorkingDays, false);
  if ((policy.resolveMinutes === null) === (policy.resolveWorkingDays === null)) {
    problems.push({ field: 'resolveMinutes', reason: 'give either resolveMinutes or resolveWorkingDays' });
  }
  return problems;
}
