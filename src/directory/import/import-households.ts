import { bulkSqlInTransaction, type BulkSql } from '../../db/bulk-sql';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import { loadAreaTree } from '../area-tree';
import { ConflictError } from '../errors';
import { isUniqueViolation } from '../unique-violation';
import { decodeCsv } from './decode-csv';
import { HouseholdRowChecker } from './check-household-rows';
import { GridsEmptyAtStart } from './grids-empty-at-start';
import { duplicatePhoneWarnings } from './duplicate-phones';
import { readHeader } from './household-columns';
import { readCsvRecords, type CsvRecord } from './read-csv-records';
import { GridResolver } from './resolve-grid';
import type {
  CsvEncoding,
  HouseholdDraft,
  ImportMode,
  ImportProgress,
  ImportReport,
  RowError,
} from './types';
import { writeHouseholds, type WriteOutcome } from './write-households';

export interface ImportOptions {
  mode: ImportMode;
  encoding: CsvEncoding;
  /** The importer's area (and everything below it); null for the whole tree. */
  scopeAreaId: string | null;
  /**
   * Runs inside the import's transaction after the rows are written, e.g. to write the audit log; `sql`
   * reaches the transaction's driver connection, for a city's worth of rows (src/db/bulk-sql.ts).
   */
  beforeCommit?: (
    tx: Prisma.TransactionClient,
    outcome: WriteOutcome,
    report: ImportReport,
    sql: BulkSql,
  ) => Promise<void>;
  /** Hears how far the import has got: rows checked, then households written. */
  onProgress?: (progress: ImportProgress) => void;
}

/** Rows checked, then written, at a time. */
const SLICE = 10_000;

/**
 * The first slice is small: PostgreSQL, which takes longer over a slice than Node, starts writing after a
 * fraction of a second instead of waiting for a whole slice to be checked.
 */
const FIRST_SLICE = 1_000;

/** Where each slice of `total` rows ends. */
function sliceEnds(total: number): number[] {
  const ends: number[] = [];
  for (let end = FIRST_SLICE; end < total; end += SLICE) ends.push(end);
  if (total > 0) ends.push(total);
  return ends;
}

/**
 * Rows checked between two looks at the network, so the previous slice's statement keeps flowing: each
 * look sends only what the socket takes, a fraction of a slice's megabytes. At 1,000 rows a city's
 * statements reached PostgreSQL so slowly that a slice took 0.9 s to write instead of 0.6 s, and the
 * import some 2 s longer; a look costs microseconds.
 */
const CHECKED_AT_ONCE = 250;

/** Thrown inside the transaction to roll back an all-or-nothing import that found problems. */
class NothingImported extends Error {}

/**
 * Lets the event loop serve the network: the previous slice's statements (megabytes, sent as the socket
 * drains, after a look-up whose answer must be read first) only flow while checking pauses.
 */
const handOver = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Checks a slice a little at a time, handing the event loop over in between. */
async function checkSlice(
  checker: HouseholdRowChecker,
  records: readonly CsvRecord[],
): Promise<{ drafts: HouseholdDraft[]; errors: RowError[] }> {
  const drafts: HouseholdDraft[] = [];
  const errors: RowError[] = [];
  for (let start = 0; start < records.length; start += CHECKED_AT_ONCE) {
    const part = checker.check(records.slice(start, start + CHECKED_AT_ONCE));
    drafts.push(...part.drafts);
    errors.push(...part.errors);
    await handOver();
  }
  return { drafts, errors };
}

async function writeSlice(
  sql: BulkSql,
  drafts: readonly HouseholdDraft[],
  writing: {
    created: string[];
    updated: string[];
    unchanged: number;
    done: number;
    grids: GridsEmptyAtStart;
  },
  onWritten: (done: number) => void,
): Promise<void> {
  const before = writing.done;
  const outcome = await writeHouseholds(sql, drafts, writing.grids, (done) => onWritten(before + done));
  writing.created.push(...outcome.createdIds);
  writing.updated.push(...outcome.updatedIds);
  writing.unchanged += outcome.unchanged;
  writing.done += drafts.length;
}

// A city's file (100,000 households) is written in seconds, beyond Prisma's 5 s default for interactive
// transactions on a slow disk; the limit only guards against a transaction left open for good.
const TRANSACTION_TIMEOUT_MS = 300_000;

/** Rows written after which the planner's statistics are refreshed at once rather than by autovacuum. */
const FRESH_STATISTICS_AFTER = 5_000;

/**
 * A campaign to a city is often created minutes after its import: without fresh statistics PostgreSQL would
 * plan its audience as a few hundred households and look each one up. Sampled, so it takes a fraction of a
 * second whatever the size. Only an optimisation (autovacuum gets there later): the import has committed,
 * so a failure here must not turn its answer into an error.
 */
async function refreshStatistics(db: Db): Promise<void> {
  await db.$executeRawUnsafe('ANALYZE "Household", "PhoneNumber", "Person"').catch(() => undefined);
}

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
  const checker = new HouseholdRowChecker(
    { fieldCount: header.fields.length, positions: layout.positions },
    new GridResolver(await loadAreaTree(db), options.scopeAreaId),
  );
  const drafts: HouseholdDraft[] = [];
  const writing = {
    created: [] as string[],
    updated: [] as string[],
    unchanged: 0,
    done: 0,
    grids: new GridsEmptyAtStart(),
  };
  try {
    await db.$transaction(
      async (tx) => {
        const sql = await bulkSqlInTransaction(db, tx);
        // Each slice is written while the next one is checked: PostgreSQL inserts one slice as Node checks
        // the next, so a city's file takes about as long as the longer of the two alone.
        let previous: Promise<void> = Promise.resolve();
        let start = 0;
        for (const end of sliceEnds(records.length)) {
          const slice = await checkSlice(checker, records.slice(start, end));
          start = end;
          report.errors.push(...slice.errors);
          drafts.push(...slice.drafts);
          progress({ stage: 'checking', done: end, total: records.length });
          await previous;
          if (options.mode === 'all-or-nothing' && report.errors.length > 0) continue;
          previous = writeSlice(sql, slice.drafts, writing, (done) =>
            progress({ stage: 'writing', done, total: records.length }),
          );
          // Awaited at the next slice; until then a failure must not count as unhandled.
          previous.catch(() => undefined);
        }
        await previous;
        report.rejected = report.rows - drafts.length;
        report.warnings = duplicatePhoneWarnings(drafts);
        if (options.mode === 'all-or-nothing' && report.errors.length > 0) throw new NothingImported();
        report.created = writing.created.length;
        report.updated = writing.updated.length;
        report.unchanged = writing.unchanged;
        report.imported = true;
        const outcome = {
          createdIds: writing.created,
          updatedIds: writing.updated,
          unchanged: writing.unchanged,
        };
        await options.beforeCommit?.(tx, outcome, report, sql);
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (error) {
    if (error instanceof NothingImported) return report;
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        'another import wrote some of these households at the same moment; run it again',
      );
    }
    throw error;
  }
  if (report.created + report.updated >= FRESH_STATISTICS_AFTER) await refreshStatistics(db);
  return report;
}
