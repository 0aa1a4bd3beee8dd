import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import { loadAreaTree } from '../area-tree';
import { ConflictError } from '../errors';
import { isUniqueViolation } from '../unique-violation';
import { decodeCsv } from './decode-csv';
import { cellsOf, readHeader } from './household-columns';
import { parseHouseholdRow } from './parse-household-row';
import { readCsvRecords } from './read-csv-records';
import { GridResolver } from './resolve-grid';
import type { CsvEncoding, HouseholdDraft, ImportMode, ImportReport, RowError } from './types';
import { writeHouseholds, type WriteOutcome } from './write-households';

export interface ImportOptions {
  mode: ImportMode;
  encoding: CsvEncoding;
  /** The importer's area (and everything below it); null for the whole tree. */
  scopeAreaId: string | null;
  /** Runs inside the import's transaction after the rows are written, e.g. to write the audit log. */
  beforeCommit?: (tx: Prisma.TransactionClient, outcome: WriteOutcome, report: ImportReport) => Promise<void>;
}

// Thousands of rows with a round trip each: far beyond Prisma's 5 s default for interactive transactions.
const TRANSACTION_TIMEOUT_MS = 300_000;

/**
 * Imports a household CSV (header village,grid,household_ref,address,latitude,longitude,phones,members,tags).
 * Every problem is reported with its line; in all-or-nothing mode any problem means nothing is written,
 * in valid-only mode the valid rows are written in one transaction and the others reported.
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

  const grids = new GridResolver(await loadAreaTree(db), options.scopeAreaId);
  const drafts: HouseholdDraft[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const record of records) {
    const extra = record.fields.slice(header.fields.length).filter((f) => f.trim() !== '');
    const cells = cellsOf(record.fields, layout.positions);
    const result = parseHouseholdRow(record.line, cells, grids);
    const rowErrors = result.ok ? [] : [...result.errors];
    if (extra.length > 0) {
      rowErrors.push({
        row: record.line,
        field: '(row)',
        value: extra.join(','),
        reason: `more cells than the header has columns (${header.fields.length}); quote cells that contain commas`,
      });
    }
    const gridId = result.ok ? result.draft.gridId : result.gridId;
    if (gridId !== null && cells.household_ref !== '') {
      const key = `${gridId}\u0000${cells.household_ref}`;
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, record.line);
      else {
        rowErrors.push({
          row: record.line,
          field: 'household_ref',
          value: cells.household_ref,
          reason: `the same grid already has this household_ref on row ${first}`,
        });
      }
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else if (result.ok) drafts.push(result.draft);
  }
  report.errors = errors;
  report.rejected = report.rows - drafts.length;
  if (options.mode === 'all-or-nothing' && errors.length > 0) return report;

  try {
    await db.$transaction(
      async (tx) => {
        const outcome = await writeHouseholds(tx, drafts);
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
