import type { ImportReport } from './types';
import type { WriteOutcome } from './write-households';
import type { AuditEntry } from '../../audit/audit-log';

/** The audit trail of one household import: the import itself, then each household it wrote. */
export function householdImportAuditEntries(
  actor: string,
  subject: string,
  outcome: WriteOutcome,
  summary: ImportReport,
  details: Record<string, string | null>,
): AuditEntry[] {
  return [
    {
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
      },
    },
    ...outcome.createdIds.map((id) => ({ actor, action: 'household.create', subject: `household:${id}` })),
    ...outcome.updatedIds.map((id) => ({ actor, action: 'household.update', subject: `household:${id}` })),
  ];
}
