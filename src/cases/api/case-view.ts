import { bulkSql } from '../../db/bulk-sql';
import type { Db } from '../../db/client';
import { epochMs, SqlParams } from '../../db/sql-params';
import { UnreadableJsonError } from '../../db/versioned-json';
import type { GovernanceCase } from '../../generated/prisma/client';
import { caseEventDetailsJson, type CaseEventDetails } from '../case-event-json';
import { caseFacts } from '../domain/case-log';
import type { CaseCategory } from '../domain/case-types';
import type { CaseSlaRules } from '../sla/case-sla-rules';
import { caseScopeCondition, type CaseScope } from './case-access';

/** The columns a list shows of a case. */
export type CaseListRow = Pick<
  GovernanceCase,
  | 'id'
  | 'number'
  | 'channel'
  | 'category'
  | 'urgent'
  | 'state'
  | 'villageId'
  | 'gridId'
  | 'address'
  | 'assigneeId'
  | 'departmentId'
  | 'openedAt'
  | 'nextDeadlineAt'
>;

/** A case in a list: where it is, who has it, and how long until its next deadline (negative: overdue). */
export function caseListItem(row: CaseListRow, now: number) {
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

/** The columns the detail shows besides the list's, as the driver gives them back (instants in epoch ms). */
interface DetailRow extends Omit<CaseListRow, 'openedAt' | 'nextDeadlineAt'> {
  openedAt: number;
  nextDeadlineAt: number | null;
  closedAt: number | null;
  eventCount: number;
  householdId: string | null;
  callerNumber: string | null;
  callId: string | null;
  recordingPath: string | null;
  recordingUploadId: string | null;
  recordingSeconds: number | null;
  transcriptStatus: string;
  transcriptText: string | null;
  description: string;
  duplicates: number;
  policyId: string | null;
  policy: unknown;
  events: {
    id: string;
    seq: number;
    at: number;
    type: string;
    actor: string;
    channel: string;
    note: string;
    details: unknown;
  }[];
}

/**
 * A case with its message, its SLA stage by stage (derived from the log now) and its timeline; null
 * when there is no such case in `scope`. The case, its log and its policy are one statement, sent to
 * the driver itself: the ORM's work per query was most of a request's time.
 */
export async function caseDetail(
  db: Db,
  rules: CaseSlaRules,
  id: string,
  scope: CaseScope | null,
  now: number,
) {
  const params = new SqlParams();
  const instants = ['openedAt', 'nextDeadlineAt', 'closedAt'].map((column) => epochMs('c', column));
  const [found] = await bulkSql(db).query<DetailRow>(
    `SELECT c.id, c.number, c.channel, c.category, c.urgent, c.state, c."villageId", c."gridId", c.address,
      c."assigneeId", c."departmentId", ${instants.join(', ')},
      c."eventCount", c."householdId", c."callerNumber", c."callId", c."recordingPath", c."recordingUploadId",
      c."recordingSeconds", c."transcriptStatus", c."transcriptText", c.description, c.duplicates,
      p.id AS "policyId", p.policy,
      (SELECT coalesce(json_agg(json_build_object('id', e.id, 'seq', e.seq,
                'at', floor(extract(epoch FROM e.at) * 1000)::bigint, 'type', e.type, 'actor', e.actor,
                'channel', e.channel, 'note', e.note, 'details', e.details) ORDER BY e.seq), '[]'::json)
         FROM "CaseEvent" e WHERE e."caseId" = c.id) AS events
    FROM "GovernanceCase" c
    LEFT JOIN "CaseSlaPolicy" p ON p.category = c.category AND p.urgent = c.urgent
    WHERE c.id = ${params.add(id)} AND ${caseScopeCondition(scope, params)}`,
    params.values,
    { repeated: true },
  );
  if (!found) return null;
  const row = {
    ...found,
    openedAt: new Date(found.openedAt),
    nextDeadlineAt: found.nextDeadlineAt === null ? null : new Date(found.nextDeadlineAt),
    closedAt: found.closedAt === null ? null : new Date(found.closedAt),
  };
  const timeline = row.events.map((e) => {
    let details: CaseEventDetails = {};
    try {
      details = caseEventDetailsJson.read(e.id, e.details);
    } catch (error) {
      // One unreadable step must not hide the case: its time, type and actor still show.
      if (!(error instanceof UnreadableJsonError)) throw error;
    }
    const at = new Date(e.at);
    return { seq: e.seq, at, type: e.type, actor: e.actor, channel: e.channel, note: e.note, details };
  });
  const facts = caseFacts(
    timeline.map((e) =>
      e.details.to
        ? { seq: e.seq, at: e.at.getTime(), to: e.details.to }
        : { seq: e.seq, at: e.at.getTime() },
    ),
  );
  const policy = rules.policyOf(
    row.policyId === null ? null : { id: row.policyId, policy: row.policy },
    row.category as CaseCategory,
    row.urgent,
  );
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
