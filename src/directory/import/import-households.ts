import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import { loadAreaTree } from '../area-tree';
import { ConflictError } from '../errors';
import { isUniqueViolation } from '../unique-violation';
import { decodeCsv } from './decode-csv';
import { checkHouseholdRows } from './check-household-rows';
import { duplicatePhoneWarnings } from './duplicate-phones';
import { readHeader } from './household-columns';
import { readCsvRecords } from './read-csv-records';
import { GridResolver } from './resolve-grid';
import type { CsvEncoding, ImportMode, ImportProgress, ImportReport } from './types';
import { writeHouseholds, type WriteOutcome } from './write-households';

export interface ImportOptions {
  mode: ImportMode;
  encoding: CsvEncoding;
  /** The importer's area (and everything below it); null for the whole tree. */
  scopeAreaId: string | null;
  /** Runs inside the import's transaction after the rows are written, e.g. to write the audit log. */
  beforeCommit?: (tx: Prisma.TransactionClient, outcome: WriteOutcome, report: ImportReport) => Promise<void>;
  /** Hears how far the import has got: rows checked, then households written. */
  onProgress?: (progress: ImportProgress) => void;
}

// A city's file (100,000 households) is written in seconds, beyond Prisma's 5 s default for interactive
// transactions on a slow disk; the limit only guards against a transaction left open for good.
const TRANSACTION_TIMEOUT_MS = 300_000;

/**
 * Imports a household CSV (header village,grid,household_ref,address,latitude,longitude,phones,members,tags).
 * Every problem is reported with its line; in all-or-nothing mode any problem means nothing is written,
 * in valid-only mode the valid rows are written in one transaction and the others reported. A phone
 * number listed by several rows is a warning, not an error.
 */
export async function importHouseholds(
  db: Db,
  file: Uint8Array,
  options: ImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = {
    mode: options.mode,
    encoding: null,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    imported: false,
    errors: [],
    warnings: [],
  };
  const decoded = decodeCsv(file, options.encoding);
  if (!decoded.ok) return { ...report, errors: [decoded.error] };
  report.encoding = decoded.encoding;

  const parsed = readCsvRecords(decoded.text);
  if (!parsed.ok) return { ...report, errors: [parsed.error] };
  const [header, ...records] = parsed.records;
  if (!header) {
    return { ...report, errors: [{ row: 1, field: '(header)', value: '', reason: 'the file is empty' }] };
  }
  const layout = readHeader(header.fields, header.line);
  if (!layout.ok) return { ...report, rows: records.length, rejected: records.length, errors: layout.errors };
  report.rows = records.length;

  const progress = options.onProgress ?? (() => undefined);
  const total = records.length;
  const { drafts, errors } = checkHouseholdRows(
    records,
    { fieldCount: header.fields.length, positions: layout.positions },
    new GridResolver(await loadAreaTree(db), options.scopeAreaId),
    (done) => progress({ stage: 'checking', done, total }),
  );
  report.errors = errors;
  report.rejected = report.rows - drafts.length;
  report.warnings = duplicatePhoneWarnings(drafts);
  if (options.mode === 'all-or-nothing' && errors.length > 0) return report;

  try {
    await db.$transaction(
      async (tx) => {
        const outcome = await writeHouseholds(tx, drafts, (done) =>
          progress({ stage: 'writing', done, total: drafts.length }),
        );
        report.created = outcome.createdIds.length;
        report.updated = outcome.updatedIds.length;
        report.unchanged = outcome.unchanged;
        report.imported = true;
        await options.beforeCommit?.(tx, outcome, report);
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        'another import wrote some of these households at the same moment; run it again',
      );
    }
    throw error;
  }
  return report;
}
