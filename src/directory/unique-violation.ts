import { Prisma } from '../generated/prisma/client';

interface DriverAdapterCause {
  kind?: unknown;
  originalCode?: unknown;
  code?: unknown;
}

/**
 * A unique constraint violated: P2002 from a model query; from a raw query (P2010), the driver adapter's
 * cause — `UniqueConstraintViolation` with SQLSTATE 23505 from node-postgres, the bare 23505 from PGlite;
 * from a statement sent to the driver itself (src/db/bulk-sql.ts), the driver's error with SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Error && (error as { code?: unknown }).code === '23505') return true;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta?.driverAdapterError as { cause?: DriverAdapterCause } | undefined)?.cause;
  return (
    cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505' || cause?.code === '23505'
  );
}
