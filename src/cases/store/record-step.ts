import { bulkSql } from '../../db/bulk-sql';
import type { Db } from '../../db/client';
import { SqlParams } from '../../db/sql-params';
import { ConflictError, NotFoundError } from '../../directory/errors';
import { caseEventDetailsJson, type CaseEventDetails } from '../case-event-json';
import { caseFacts } from '../domain/case-log';
import { transitionRefusal } from '../domain/case-transitions';
import type { CaseActor, CaseState, StepChannel } from '../domain/case-types';
import { nextDeadline } from '../domain/sla-state';
import type { CaseSlaRules } from '../sla/case-sla-rules';
import { loadCaseLogSnapshot, type CaseLogSnapshot } from './case-log-snapshot';

export interface CaseStep {
  /**
   * opened, transition, assigned, transferred, department_accepted, call, nobody_to_call, satisfaction,
   * note.
   */
  type: string;
  /** The state the step moves the case to; checked against the transition table. */
  to?: CaseState;
  actor: CaseActor;
  channel: StepChannel;
  note?: string;
  details?: Omit<CaseEventDetails, 'from' | 'to'>;
  /** Columns the step changes with it (assignee, department, grid). */
  set?: { assigneeId?: string | null; departmentId?: string | null; gridId?: string | null };
  /** The seq the caller last saw: a step on an older view is refused rather than applied blindly. */
  expectedSeq?: number;
  /** Refuses the step unless the case is in one of these states (a transfer, a key press on an escalation call). */
  onlyFrom?: readonly CaseState[];
  /**
   * The case as the caller has just read it (a deadline action noting a step that moves nothing): the
   * step is written against it if the case has not moved since, else the case is read again; saves
   * reading it twice. Ignored for a step with `to` or `onlyFrom`, which must not be refused on an old view.
   */
  seen?: CaseLogSnapshot;
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
      const seen = attempt === 1 && !step.to && !step.onlyFrom && step.seen?.id === caseId ? step.seen : null;
      return await tryRecordStep(deps, caseId, step, seen ?? (await loadCaseLogSnapshot(deps.db, caseId)));
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

/** The columns a step may change with it, as they are named in the table. */
const SET_COLUMNS = ['assigneeId', 'departmentId', 'gridId'] as const;

/**
 * Reads the log, then writes the event and the case's derived columns in one statement that applies
 * only if the case still has the seq it was read at: no interactive transaction (its round trips and
 * pooled connection per step were most of a deadline action's cost), and the statement is all or nothing.
 */
async function tryRecordStep(
  deps: RecordStepDeps,
  caseId: string,
  step: CaseStep,
  row: CaseLogSnapshot | null,
): Promise<RecordedStep> {
  const now = deps.now();
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
  const details = caseEventDetailsJson.write({
    ...step.details,
    ...(moves ? { from: before.state, to: step.to } : {}),
  });

  const params = new SqlParams();
  const set = [
    `"eventCount" = ${params.add(seq)}`,
    `state = ${params.add(after.state)}`,
    `"nextDeadlineAt" = ${deadline === null ? 'NULL' : params.instant(deadline)}`,
    // As Prisma's @updatedAt: the time it was written.
    `"updatedAt" = ${params.instant(Date.now())}`,
  ];
  if (after.state === 'closed') set.push(`"closedAt" = ${params.instant(now)}`);
  if (after.state === 'reopened') set.push(`"closedAt" = NULL`);
  for (const column of SET_COLUMNS) {
    const value = step.set?.[column];
    if (value !== undefined) set.push(`"${column}" = ${params.add(value)}`);
  }
  const written = await bulkSql(deps.db).query(
    `WITH claimed AS (
       UPDATE "GovernanceCase" SET ${set.join(', ')}
       WHERE id = ${params.add(caseId)} AND "eventCount" = ${params.add(row.eventCount)} RETURNING id)
     INSERT INTO "CaseEvent" (id, "caseId", seq, at, type, actor, channel, note, details)
     SELECT gen_random_uuid()::text, claimed.id, ${params.add(seq)}::int, ${params.instant(now)}, ${params.add(step.type)},
       ${params.add(step.actor)}, ${params.add(step.channel)}, ${params.add(step.note ?? '')}, ${params.add(JSON.stringify(details))}::jsonb
     FROM claimed RETURNING seq`,
    params.values,
    { repeated: true },
  );
  if (written.length === 0) {
    throw new ConcurrentStep('someone else changed the case at the same moment; reload it and try again');
  }
  return { caseId, seq, state: after.state, nextDeadlineAt: deadline };
}
