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
    SELECT gen_random_uuid()::text, ${at}, r."actor", r."action", r."subject", r."details"
      FROM json_to_recordset(${JSON.stringify(entries.map(stamped))}::json)
        AS r("actor" text, "action" text, "subject" text, "details" jsonb)`;
}

function stamped(entry: AuditEntry): AuditEntry {
  return entry.details === undefined ? entry : { ...entry, details: auditDetailsJson.write(entry.details) };
}
