import type { Db } from '../../db/client';
import { ConflictError, NotFoundError } from '../../directory/errors';
import type { Prisma } from '../../generated/prisma/client';
import { caseEventDetailsJson, type CaseEventDetails } from '../case-event-json';
import { caseFacts } from '../domain/case-log';
import { transitionRefusal } from '../domain/case-transitions';
import type { CaseActor, CaseState, StepChannel } from '../domain/case-types';
import { nextDeadline } from '../domain/sla-state';
import type { CaseSlaRules } from '../sla/case-sla-rules';
import { loadCaseLogSnapshot } from './case-log-snapshot';

export interface CaseStep {
  /** opened, transition, assigned, transferred, department_accepted, call, satisfaction, note. */
  type: string;
  /** The state the step moves the case to; checked against the transition table. */
  to?: CaseState;
  actor: CaseActor;
  channel: StepChannel;
  note?: string;
  details?: Omit<CaseEventDetails, 'from' | 'to'>;
  /** Columns the step changes with it (assignee, department). */
  set?: Pick<Prisma.GovernanceCaseUpdateInput, 'assigneeId' | 'departmentId' | 'gridId'>;
  /** The seq the caller last saw: a step on an older view is refused rather than applied blindly. */
  expectedSeq?: number;
  /** Refuses the step unless the case is in one of these states (a transfer, a key press on an escalation call). */
  onlyFrom?: readonly CaseState[];
}

export interface RecordStepDeps {
  db: Db;
  rules: CaseSlaRules;
  now: () => number;
}

export interface RecordedStep {
  caseId: string;
  seq: number;
  state: CaseState;
  nextDeadlineAt: number | null;
}

/**
 * Appends one step to a case's log and updates the case's derived columns, all or nothing. Two people
 * taking the same step at once both read seq n; the update below is conditional on it, so exactly one
 * writes seq n+1 and the other gets a conflict naming what happened.
 */
export async function recordStep(
  deps: RecordStepDeps,
  caseId: string,
  step: CaseStep,
): Promise<RecordedStep> {
  // A step that did not name the seq it saw is re-checked against the newer log and applied if it
  // still may be (a call's end noted while a key moved the case); a refused one stays refused.
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryRecordStep(deps, caseId, step);
    } catch (error) {
      if (!(error instanceof ConcurrentStep) || step.expectedSeq !== undefined || attempt >= 5) {
        throw error instanceof ConcurrentStep ? new ConflictError(error.message) : error;
      }
    }
  }
}

/** Another step was written between this one's read and its write. */
class ConcurrentStep extends Error {
  override readonly name = 'ConcurrentStep';
}

async function tryRecordStep(deps: RecordStepDeps, caseId: string, step: CaseStep): Promise<RecordedStep> {
  const now = deps.now();
  return deps.db.$transaction(async (tx) => {
    const row = await loadCaseLogSnapshot(tx, caseId);
    if (!row) throw new NotFoundError(`no case ${caseId}`);
    if (step.expectedSeq !== undefined && step.expectedSeq !== row.eventCount) {
      throw new ConflictError(
        `the case changed since you saw it (step ${row.eventCount}, you saw ${step.expectedSeq})`,
      );
    }
    const { entries } = row;
    const before = caseFacts(entries);
    if (step.onlyFrom && !step.onlyFrom.includes(before.state)) {
      throw new ConflictError(
        `a case that is ${before.state} cannot take this step (it must be ${step.onlyFrom.join(' or ')})`,
      );
    }
    if (step.to && step.to !== before.state) {
      const refusal = transitionRefusal(before.state, step.to, before.pausedFrom);
      if (refusal) throw new ConflictError(refusal);
    } else if (step.to && step.type === 'transition') {
      throw new ConflictError(`the case is already ${step.to}`);
    }
    const seq = row.eventCount + 1;
    const moves = step.to && step.to !== before.state;
    const after = caseFacts([...entries, moves ? { seq, at: now, to: step.to } : { seq, at: now }]);
    const policy = deps.rules.policyOf(row.storedPolicy, row.category, row.urgent);
    const deadline = nextDeadline(deps.rules.evaluate(after, policy, now).stages);
    const claimed = await tx.governanceCase.updateMany({
      where: { id: caseId, eventCount: row.eventCount },
      data: {
        eventCount: seq,
        state: after.state,
        nextDeadlineAt: deadline === null ? null : new Date(deadline),
        ...(after.state === 'closed' ? { closedAt: new Date(now) } : {}),
        ...(after.state === 'reopened' ? { closedAt: null } : {}),
        ...step.set,
      },
    });
    if (claimed.count === 0) {
      throw new ConcurrentStep('someone else changed the case at the same moment; reload it and try again');
    }
    await tx.caseEvent.create({
      data: {
        caseId,
        seq,
        at: new Date(now),
        type: step.type,
        actor: step.actor,
        channel: step.channel,
        note: step.note ?? '',
        details: caseEventDetailsJson.write({
          ...step.details,
          ...(moves ? { from: before.state, to: step.to } : {}),
        }),
      },
    });
    return { caseId, seq, state: after.state, nextDeadlineAt: deadline };
  });
}
