import type { DbClient } from '../directory/db-client';
import type { Prisma } from '../generated/prisma/client';

export interface AuditEntry {
  /** Who: `token:<id>:<name>`, `bootstrap-admin`, `cli:<user>`. */
  actor: string;
  /** What, as resource.verb: `area.create`, `token.revoke`, `household.import`. */
  action: string;
  /** On what, as kind:id: `area:<id>`, `household:<id>`. */
  subject: string;
  details?: Prisma.InputJsonValue;
}

/** Records a write; pass the transaction that made the write so both commit or neither does. */
export async function audit(db: DbClient, entry: AuditEntry | AuditEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry];
  if (entries.length > 0) await db.auditLog.createMany({ data: entries });
}
