import type { ImportReport } from './types';
import type { WriteOutcome } from './write-households';
import type { AuditEntry } from '../../audit/audit-log';

/**
 * The audit trail of one household import: a single entry naming every household it created or updated.
 * One entry, not one per household: a city's 100,000 rows took PostgreSQL over a second to write, inside
 * the import's transaction. Who imported or changed a household is still answered, by the entries whose
 * lists hold its id (details are stored with their version, see audit-details-json.ts):
 *   SELECT "actor", "at" FROM "AuditLog"
 *    WHERE "action" = 'household.import' AND "details"->'households'->'created' ? '<id>'
 * (or ->'updated').
 */
export function householdImportAuditEntry(
  actor: string,
  subject: string,
  outcome: WriteOutcome,
  summary: ImportReport,
  details: Record<string, string | null>,
): AuditEntry {
  return {
    actor,
    action: 'household.import',
    subject,
    details: {
      ...details,
      encoding: summary.encoding,
      rows: summary.rows,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      households: { created: outcome.createdIds, updated: outcome.updatedIds },
    },
  };
}
