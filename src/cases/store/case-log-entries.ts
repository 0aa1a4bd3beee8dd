import type { DbClient } from '../../directory/db-client';
import { caseEventDetailsJson } from '../case-event-json';
import type { LogEntry } from '../domain/case-log';

/** A case's events as the domain folds them, in order. */
export async function caseLogEntries(db: DbClient, caseId: string): Promise<LogEntry[]> {
  const events = await db.caseEvent.findMany({
    where: { caseId },
    orderBy: { seq: 'asc' },
    select: { id: true, seq: true, at: true, details: true },
  });
  return events.map((e) => {
    const { to } = caseEventDetailsJson.read(e.id, e.details);
    return to ? { seq: e.seq, at: e.at.getTime(), to } : { seq: e.seq, at: e.at.getTime() };
  });
}
