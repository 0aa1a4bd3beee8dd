import type { CaseState } from './case-types';

/**
 * Where a case may go from each state. waiting_resident (the SLA clock paused while the resident is
 * awaited) returns only to the state it paused from; that rule is in `transitionRefusal`.
 */
const ALLOWED_TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = {
  received: ['accepted'],
  accepted: ['dispatched', 'resolved', 'waiting_resident'],
  dispatched: ['on_site', 'resolved', 'waiting_resident'],
  on_site: ['resolved', 'waiting_resident'],
  waiting_resident: ['accepted', 'dispatched', 'on_site'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['accepted'],
};

/** Why the case cannot go from `from` to `to`, or null when it can. */
export function transitionRefusal(
  from: CaseState,
  to: CaseState,
  pausedFrom: CaseState | null,
): string | null {
  if (!ALLOWED_TRANSITIONS[from].includes(to)) {
    const allowed = ALLOWED_TRANSITIONS[from].join(', ');
    return `a case that is ${from} cannot become ${to} (it can become: ${allowed})`;
  }
  if (from === 'waiting_resident' && to !== pausedFrom) {
    return `a case waiting for the resident goes back to ${pausedFrom ?? 'its earlier state'}, not ${to}`;
  }
  return null;
}
