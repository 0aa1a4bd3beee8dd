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

/**
 * Records a write; pass the transaction that made the write so both commit or neither does.
 * One statement whatever the number of entries, the rows as one JSON parameter: a city's household import
 * audits 100,000 households, which Prisma's createMany took over a minute to write.
 */
export async function audit(db: DbClient, entry: AuditEntry | AuditEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (entries.length === 0) return;
  const at = new Date();
  await db.$executeRaw`
    INSERT INTO "AuditLog" ("id", "at", "actor", "action", "subject", "details")
    SELECT r."id", ${at}, r."actor", r."action", r."subject", r."details"
      FROM json_to_recordset(${JSON.stringify(entries.map(stamped))}::json)
        AS r("id" text, "actor" text, "action" text, "subject" text, "details" jsonb)`;
}

/** With its id (time-ordered: a city import's 100,000 rows are appended to the indexes, not scattered). */
function stamped(entry: AuditEntry): AuditEntry & { id: string } {
  const id = timeOrderedId();
  return entry.details === undefined
    ? { ...entry, id }
    : { ...entry, id, details: auditDetailsJson.write(entry.details) };
}
