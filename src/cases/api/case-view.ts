import type { Db } from '../../db/client';
import { UnreadableJsonError } from '../../db/versioned-json';
import type { GovernanceCase } from '../../generated/prisma/client';
import { caseEventDetailsJson, type CaseEventDetails } from '../case-event-json';
import { caseFacts } from '../domain/case-log';
import type { CaseCategory } from '../domain/case-types';
import type { CaseSlaRules } from '../sla/case-sla-rules';

/** A case in a list: where it is, who has it, and how long until its next deadline (negative: overdue). */
export function caseListItem(row: GovernanceCase, now: number) {
  return {
    id: row.id,
    number: row.number,
    channel: row.channel,
    category: row.category,
    urgent: row.urgent,
    state: row.state,
    villageId: row.villageId,
    gridId: row.gridId,
    address: row.address,
    assigneeId: row.assigneeId,
    departmentId: row.departmentId,
    openedAt: row.openedAt,
    nextDeadlineAt: row.nextDeadlineAt,
    countdownMs: row.nextDeadlineAt === null ? null : row.nextDeadlineAt.getTime() - now,
  };
}

/** A case with its message, its SLA stage by stage (derived from the log now) and its timeline. */
export async function caseDetail(db: Db, rules: CaseSlaRules, id: string, now: number) {
  const row = await db.governanceCase.findUniqueOrThrow({
    where: { id },
    include: { events: { orderBy: { seq: 'asc' } } },
  });
  const timeline = row.events.map((e) => {
    let details: CaseEventDetails = {};
    try {
      details = caseEventDetailsJson.read(e.id, e.details);
    } catch (error) {
      // One unreadable step must not hide the case: its time, type and actor still show.
      if (!(error instanceof UnreadableJsonError)) throw error;
    }
    return { seq: e.seq, at: e.at, type: e.type, actor: e.actor, channel: e.channel, note: e.note, details };
  });
  const facts = caseFacts(
    timeline.map((e) =>
      e.details.to
        ? { seq: e.seq, at: e.at.getTime(), to: e.details.to }
        : { seq: e.seq, at: e.at.getTime() },
    ),
  );
  const policy = await rules.policyFor(db, row.category as CaseCategory, row.urgent);
  const sla = rules.evaluate(facts, policy, now);
  const transferred = row.events.filter((e) => e.type === 'transferred').at(-1);
  const departmentAccepted =
    transferred !== undefined &&
    row.events.some((e) => e.type === 'department_accepted' && e.seq > transferred.seq);
  return {
    ...caseListItem(row, now),
    seq: row.eventCount,
    round: facts.round,
    householdId: row.householdId,
    callerNumber: row.callerNumber,
    callId: row.callId,
    recording:
      row.recordingPath || row.recordingUploadId
        ? { path: row.recordingPath, uploadId: row.recordingUploadId, seconds: row.recordingSeconds }
        : null,
    transcript: { status: row.transcriptStatus, text: row.transcriptText },
    description: row.description,
    duplicates: row.duplicates,
    closedAt: row.closedAt,
    departmentAccepted,
    sla: {
      policy,
      warnings: sla.warnings,
      stages: sla.stages.map((s) => ({
        stage: s.stage,
        status: s.status,
        budgetMs: s.budgetMs,
        usedMs: s.usedMs,
        deadlineAt: s.deadlineAt === null ? null : new Date(s.deadlineAt),
        remainingMs: s.deadlineAt === null ? null : s.deadlineAt - now,
      })),
    },
    timeline,
  };
}
