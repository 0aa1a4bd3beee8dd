import type { Db } from '../../db/client';
import { Prisma } from '../../generated/prisma/client';
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

/** An instant as the columns hold it (UTC, without a zone), exact to the millisecond. */
const at = (ms: number) => Prisma.sql`(TIMESTAMP 'epoch' + ${ms}::bigint * INTERVAL '1 millisecond')`;

/**
 * One page of cases, soonest deadline first (none last), newest first among equals: one statement on
 * the (nextDeadlineAt, openedAt DESC, id) index, with keyset pages (`after`) that cost the same however
 * deep the list goes. Written as SQL because the ORM's per-query work was most of a request's time.
 */
export async function listCases(
  db: Db,
  scope: Prisma.Sql,
  filters: CaseListFilters,
  cursor: Cursor | null,
  now: number,
): Promise<CaseListRow[]> {
  const where: Prisma.Sql[] = [scope];
  if (filters.state === 'open') where.push(Prisma.sql`c.state <> 'closed'`);
  else if (filters.state) where.push(Prisma.sql`c.state = ${filters.state}`);
  if (filters.category) where.push(Prisma.sql`c.category = ${filters.category}`);
  if (filters.urgent !== undefined) where.push(Prisma.sql`c.urgent = ${filters.urgent}`);
  if (filters.gridId) where.push(Prisma.sql`c."gridId" = ${filters.gridId}`);
  if (filters.villageId) where.push(Prisma.sql`c."villageId" = ${filters.villageId}`);
  if (filters.assigneeId) where.push(Prisma.sql`c."assigneeId" = ${filters.assigneeId}`);
  if (filters.overdue) where.push(Prisma.sql`c."nextDeadlineAt" < ${at(now)}`);
  if (cursor) {
    const sameDeadlineLater = Prisma.sql`(c."openedAt" < ${at(cursor.opened)} OR (c."openedAt" = ${at(cursor.opened)} AND c.id > ${cursor.id}))`;
    where.push(
      cursor.deadline === null
        ? Prisma.sql`(c."nextDeadlineAt" IS NULL AND ${sameDeadlineLater})`
        : Prisma.sql`(c."nextDeadlineAt" > ${at(cursor.deadline)} OR c."nextDeadlineAt" IS NULL
             OR (c."nextDeadlineAt" = ${at(cursor.deadline)} AND ${sameDeadlineLater}))`,
    );
  }
  return db.$queryRaw<CaseListRow[]>`
    SELECT c.id, c.number, c.channel, c.category, c.urgent, c.state, c."villageId", c."gridId", c.address,
      c."assigneeId", c."departmentId", c."openedAt", c."nextDeadlineAt"
    FROM "GovernanceCase" c
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY c."nextDeadlineAt" ASC NULLS LAST, c."openedAt" DESC, c.id ASC
    LIMIT ${filters.limit} OFFSET ${filters.offset ?? 0}`;
}
