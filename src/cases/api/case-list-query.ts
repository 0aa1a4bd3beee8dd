import { bulkSql } from '../../db/bulk-sql';
import type { Db } from '../../db/client';
import { epochMs, SqlParams } from '../../db/sql-params';
import { caseScopeCondition, type CaseScope } from './case-access';
import type { CaseListRow } from './case-view';

export interface CaseListFilters {
  state?: string;
  category?: string;
  urgent?: boolean;
  gridId?: string;
  villageId?: string;
  assigneeId?: string;
  overdue?: boolean;
  limit: number;
  offset?: number;
  /** The `next` of the page before: the list goes on after that case. */
  after?: string;
}

/** Where the list stops: the last case's deadline, opening and id, in the list's order. */
interface Cursor {
  deadline: number | null;
  opened: number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.deadline, cursor.opened, cursor.id])).toString('base64url');
}

/** null when the cursor is not one this list gave out. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [deadline, opened, id] = value as unknown[];
    if ((deadline !== null && typeof deadline !== 'number') || typeof opened !== 'number') return null;
    if (typeof id !== 'string') return null;
    return { deadline, opened, id };
  } catch {
    return null;
  }
}

/** CaseListRow as the driver gives it back: instants as epoch milliseconds. */
type ListRowFromDriver = Omit<CaseListRow, 'openedAt' | 'nextDeadlineAt'> & {
  openedAt: number;
  nextDeadlineAt: number | null;
};

/**
 * One page of cases, soonest deadline first (none last), newest first among equals: one statement on
 * the (nextDeadlineAt, openedAt DESC, id) index, with keyset pages (`after`) that cost the same however
 * deep the list goes. Sent to the driver itself: the ORM's per-query work was most of a request's time.
 */
export async function listCases(
  db: Db,
  scope: CaseScope | null,
  filters: CaseListFilters,
  cursor: Cursor | null,
  now: number,
): Promise<CaseListRow[]> {
  const params = new SqlParams();
  const where = [caseScopeCondition(scope, params)];
  if (filters.state === 'open') where.push(`c.state <> 'closed'`);
  else if (filters.state) where.push(`c.state = ${params.add(filters.state)}`);
  if (filters.category) where.push(`c.category = ${params.add(filters.category)}`);
  if (filters.urgent !== undefined) where.push(`c.urgent = ${params.add(filters.urgent)}`);
  if (filters.gridId) where.push(`c."gridId" = ${params.add(filters.gridId)}`);
  if (filters.villageId) where.push(`c."villageId" = ${params.add(filters.villageId)}`);
  if (filters.assigneeId) where.push(`c."assigneeId" = ${params.add(filters.assigneeId)}`);
  if (filters.overdue) where.push(`c."nextDeadlineAt" < ${params.instant(now)}`);
  if (cursor) {
    const opened = params.instant(cursor.opened);
    const sameDeadlineLater = `(c."openedAt" < ${opened} OR (c."openedAt" = ${opened} AND c.id > ${params.add(cursor.id)}))`;
    if (cursor.deadline === null) {
      where.push(`(c."nextDeadlineAt" IS NULL AND ${sameDeadlineLater})`);
    } else {
      const deadline = params.instant(cursor.deadline);
      where.push(`(c."nextDeadlineAt" > ${deadline} OR c."nextDeadlineAt" IS NULL
             OR (c."nextDeadlineAt" = ${deadline} AND ${sameDeadlineLater}))`);
    }
  }
  const rows = await bulkSql(db).query<ListRowFromDriver>(
    `SELECT c.id, c.number, c.channel, c.category, c.urgent, c.state, c."villageId", c."gridId", c.address,
      c."assigneeId", c."departmentId", ${epochMs('c', 'openedAt')}, ${epochMs('c', 'nextDeadlineAt')}
    FROM "GovernanceCase" c
    WHERE ${where.join(' AND ')}
    ORDER BY c."nextDeadlineAt" ASC NULLS LAST, c."openedAt" DESC, c.id ASC
    LIMIT ${params.add(filters.limit)} OFFSET ${params.add(filters.offset ?? 0)}`,
    params.values,
    // Its text depends only on which filters are set.
    { repeated: true },
  );
  return rows.map((row) => ({
    ...row,
    openedAt: new Date(row.openedAt),
    nextDeadlineAt: row.nextDeadlineAt === null ? null : new Date(row.nextDeadlineAt),
  }));
}
