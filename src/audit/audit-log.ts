import type { BulkSql } from '../db/bulk-sql';
import { timeOrderedId } from '../db/time-ordered-id';
import type { DbClient } from '../directory/db-client';
import { auditDetailsJson } from './audit-details-json';

export interface AuditEntry {
  /** Who: `token:<id>:<name>`, `bootstrap-admin`, `cli:<user>`. */
  actor: string;
  /** What, as resource.verb: `area.create`, `token.revoke`, `household.import`. */
  action: string;
  /** On what, as kind:id: `area:<id>`, `household:<id>`. */
  subject: string;
  /** Stored with its version (audit-details-json.ts). */
  details?: Record<string, unknown>;
}

/** The entries as one JSON parameter ($1) and the time ($2): one statement whatever their number. */
const INSERT_ENTRIES = `
  INSERT INTO "AuditLog" ("id", "at", "actor", "action", "subject", "details")
  SELECT r."id", ($2::timestamptz AT TIME ZONE 'UTC'), r."actor", r."action", r."subject", r."details"
    FROM json_to_recordset($1::json) AS r("id" text, "actor" text, "action" text, "subject" text, "details" jsonb)`;

const entriesOf = (entry: AuditEntry | AuditEntry[]) => (Array.isArray(entry) ? entry : [entry]);

/**
 * Records a write; pass the transaction that made the write so both commit or neither does.
 * One statement whatever the number of entries, the rows as one JSON parameter: Prisma's createMany took
 * over a minute for 100,000 entries.
 */
export async function audit(db: DbClient, entry: AuditEntry | AuditEntry[]): Promise<void> {
  const entries = entriesOf(entry);
  if (entries.length === 0) return;
  await db.$executeRawUnsafe(INSERT_ENTRIES, JSON.stringify(entries.map(stamped)), new Date().toISOString());
}

/**
 * The same through the driver itself (src/db/bulk-sql.ts), for a bulk write's entries: a city's import
 * names its 100,000 households in its entry, megabytes Prisma would take seconds over.
 */
export async function auditInBulk(sql: BulkSql, entry: AuditEntry | AuditEntry[]): Promise<void> {
  const entries = entriesOf(entry);
  if (entries.length === 0) return;
  await sql.query(INSERT_ENTRIES, [JSON.stringify(entries.map(stamped)), new Date().toISOString()]);
}

/** With its id (time-ordered: entries written in bulk are appended to the indexes, not scattered). */
function stamped(entry: AuditEntry): AuditEntry & { id: string } {
  const id = timeOrderedId();
  return entry.details === undefined
    ? { ...entry, id }
    : { ...entry, id, details: auditDetailsJson.write(entry.details) };
}
