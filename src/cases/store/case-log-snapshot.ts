import type { DbClient } from '../../directory/db-client';
import { Prisma } from '../../generated/prisma/client';
import {
  assigneeTargetSql,
  personTarget,
  supervisorTargetSql,
  type CallTarget,
} from '../calls/case-call-targets';
import { caseEventDetailsJson } from '../case-event-json';
import type { LogEntry } from '../domain/case-log';
import type { CaseCategory } from '../domain/case-types';

/** What a deadline action, a callback or the timers need of a case: its columns, its log and its policy. */
export interface CaseLogSnapshot {
  id: string;
  number: string;
  category: CaseCategory;
  urgent: boolean;
  state: string;
  address: string;
  villageId: string | null;
  gridId: string | null;
  assigneeId: string | null;
  departmentId: string | null;
  callerNumber: string | null;
  closedAt: Date | null;
  eventCount: number;
  /** The category's stored SLA policy, if one replaces the default. */
  storedPolicy: { id: string; policy: unknown } | null;
  entries: LogEntry[];
  /** Whom its calls would ring now, when asked for (`targetsAt`). */
  targets?: { assignee: CallTarget | null; supervisor: CallTarget | null };
}

interface SnapshotRow extends Omit<CaseLogSnapshot, 'storedPolicy' | 'entries' | 'targets'> {
  policyId: string | null;
  policy: unknown;
  assigneeTarget?: unknown;
  supervisorTarget?: unknown;
  /** [id, seq, epoch ms, details] in seq order. */
  events: [string, number, number | string, unknown][];
}

/**
 * Reads a case, its whole event log and its SLA policy (and, with `targetsAt`, whom its calls would
 * ring) in one statement: deadline jobs run by the thousand a minute, and a round trip per table was
 * most of their time.
 */
export async function loadCaseLogSnapshot(
  db: DbClient,
  caseId: string,
  targetsAt?: Date,
): Promise<CaseLogSnapshot | null> {
  const targets = targetsAt
    ? Prisma.sql`,
      ${assigneeTargetSql(Prisma.sql`c."assigneeId"`, Prisma.sql`c."gridId"`, targetsAt)} AS "assigneeTarget",
      ${supervisorTargetSql(Prisma.sql`c."villageId"`)} AS "supervisorTarget"`
    : Prisma.empty;
  const rows = await db.$queryRaw<SnapshotRow[]>`
    SELECT c.id, c.number, c.category, c.urgent, c.state, c.address, c."villageId", c."gridId",
      c."assigneeId", c."departmentId", c."callerNumber", c."closedAt", c."eventCount",
      p.id AS "policyId", p.policy,
      (SELECT coalesce(json_agg(json_build_array(e.id, e.seq,
                floor(extract(epoch FROM e.at) * 1000)::bigint, e.details) ORDER BY e.seq), '[]'::json)
         FROM "CaseEvent" e WHERE e."caseId" = c.id) AS events${targets}
    FROM "GovernanceCase" c
    LEFT JOIN "CaseSlaPolicy" p ON p.category = c.category AND p.urgent = c.urgent
    WHERE c.id = ${caseId}`;
  const row = rows[0];
  if (!row) return null;
  const { policyId, policy, events, assigneeTarget, supervisorTarget, ...columns } = row;
  return {
    ...columns,
    ...(targetsAt
      ? { targets: { assignee: personTarget(assigneeTarget), supervisor: personTarget(supervisorTarget) } }
      : {}),
    storedPolicy: policyId === null ? null : { id: policyId, policy },
    entries: events.map(([id, seq, at, details]) => {
      const { to } = caseEventDetailsJson.read(id, details);
      return to ? { seq, at: Number(at), to } : { seq, at: Number(at) };
    }),
  };
}
