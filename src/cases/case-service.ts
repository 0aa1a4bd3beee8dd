import type { Db } from '../db/client';
import { openCase, type NewCaseInput, type OpenedCase } from './open-case';
import type { CaseSlaRules } from './sla/case-sla-rules';
import { recordStep, type CaseStep, type RecordedStep } from './store/record-step';

/** Opening cases and taking their steps, with whatever must follow each (the deadline timers). */
export interface CaseService {
  db: Db;
  rules: CaseSlaRules;
  now: () => number;
  open(input: NewCaseInput): Promise<OpenedCase>;
  step(caseId: string, step: CaseStep): Promise<RecordedStep>;
}

export function createCaseService(deps: {
  db: Db;
  rules: CaseSlaRules;
  now?: () => number;
  mergeWindowMs?: number;
  /** Called after every committed change of a case (its timers are rescheduled here). */
  onChanged?: (caseId: string) => Promise<void>;
}): CaseService {
  const now = deps.now ?? Date.now;
  const changed = async (caseId: string) => deps.onChanged?.(caseId);
  return {
    db: deps.db,
    rules: deps.rules,
    now,
    open: (input) =>
      openCase(
        {
          db: deps.db,
          now,
          rules: deps.rules,
          mergeWindowMs: deps.mergeWindowMs,
          onOpened: ({ id }) => changed(id),
        },
        input,
      ),
    step: async (caseId, step) => {
      const recorded = await recordStep({ db: deps.db, rules: deps.rules, now }, caseId, step);
      // Only a move changes the deadlines; a call's progress or a note on the timeline does not.
      if (step.to !== undefined) await changed(caseId);
      return recorded;
    },
  };
}
