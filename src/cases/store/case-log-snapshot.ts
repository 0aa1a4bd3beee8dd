import { bulkSql } from '../../db/bulk-sql';
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

interface SnapshotRow extends Omit<CaseLogSnapshot, 'storedPolicy' | 'entries' | 'targets' | 'closedAt'> {
  /** Epoch ms. */
  closedAt: number | null;
  policyId: string | null;
  policy: unknown;
  assigneeTarget?: unknown;
  supervisorTarget?: unknown;
  /** [id, seq, epoch ms, details] in seq order. */
  events: [string, number, number | string, unknown][];
}

/**
 * Reads a case, its whole event log and its SLA policy (and, with `targetsAt`, epoch ms, whom its calls
 * would ring) in one statement: deadline jobs run by the thousand a minute, and a round trip per table
 * was most of their time. Outside a transaction it goes to the driver itself, past the ORM's per-query
 * work; instants come back as epoch ms, whatever the session's time zone.
 */
export async function loadCaseLogSnapshot(
  db: DbClient,
  caseId: string,
  targetsAt?: number,
): Promise<CaseLogSnapshot | null> {
  const targets = targetsAt
    ? Prisma.sql`,
      ${assigneeTargetSql(Prisma.sql`c."assigneeId"`, Prisma.sql`c."gridId"`, targetsAt)} AS "assigneeTarget",
      ${supervisorTargetSql(Prisma.sql`c."villageId"`)} AS "supervisorTarget"`
    : Prisma.empty;
  const statement = Prisma.sql`
    SELECT c.id, c.number, c.category, c.urgent, c.state, c.address, c."villageId", c."gridId",
      c."assigneeId", c."departmentId", c."callerNumber",
      (extract(epoch FROM c."closedAt") * 1000)::float8 AS "closedAt", c."eventCount",
      p.id AS "policyId", p.policy,
      (SELECT coalesce(json_agg(json_build_array(e.id, e.seq,
                floor(extract(epoch FROM e.at) * 1000)::bigint, e.details) ORDER BY e.seq), '[]'::json)
         FROM "CaseEvent" e WHERE e."caseId" = c.id) AS events${targets}
    FROM "GovernanceCase" c
    LEFT JOIN "CaseSlaPolicy" p ON p.category = c.category AND p.urgent = c.urgent
    WHERE c.id = ${caseId}`;
  const [row] = await bulkSql(db).query<SnapshotRow>(statement.text, statement.values, {
    repeated: true,
  });
  if (!row) return null;
  const { policyId, policy, events, assigneeTarget, supervisorTarget, closedAt, ...columns } = row;
  return {
    ...columns,
    closedAt: closedAt === null ? null : new Date(closedAt),
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
