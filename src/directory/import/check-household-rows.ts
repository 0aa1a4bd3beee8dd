import { cellsOf, type HouseholdColumn } from './household-columns';
import { parseHouseholdRow } from './parse-household-row';
import type { CsvRecord } from './read-csv-records';
import type { GridResolver } from './resolve-grid';
import type { HouseholdDraft, RowError } from './types';

/**
 * Checks data rows, a slice of the file at a time, in the file's order: the row's own cells, extra cells
 * beyond the header, and a household_ref the same grid already had on an earlier row (of any slice).
 * Returns the valid rows of each slice as drafts and every problem of the others.
 */
export class HouseholdRowChecker {
  private readonly firstRowOf = new Map<string, number>();

  constructor(
    private readonly header: { fieldCount: number; positions: Map<HouseholdColumn, number> },
    private readonly grids: GridResolver,
  ) {}

  check(records: readonly CsvRecord[]): { drafts: HouseholdDraft[]; errors: RowError[] } {
    const drafts: HouseholdDraft[] = [];
    const errors: RowError[] = [];
    for (const record of records) {
      const rowErrors = this.problemsOf(record, drafts);
      if (rowErrors.length > 0) errors.push(...rowErrors);
    }
    return { drafts, errors };
  }

  /** The row's problems; a valid row is added to `drafts` instead. */
  private problemsOf(record: CsvRecord, drafts: HouseholdDraft[]): RowError[] {
    const { fieldCount, positions } = this.header;
    const extra = record.fields.slice(fieldCount).filter((f) => f.trim() !== '');
    const cells = cellsOf(record.fields, positions);
    const result = parseHouseholdRow(record.line, cells, this.grids);
    const rowErrors = result.ok ? [] : [...result.errors];
    if (extra.length > 0) {
      rowErrors.push({
        row: record.line,
        field: '(row)',
        value: extra.join(','),
        reason: `more cells than the header has columns (${fieldCount}); quote cells that contain commas`,
      });
    }
    const gridId = result.ok ? result.draft.gridId : result.gridId;
    if (gridId !== null && cells.household_ref !== '') {
      const key = `${gridId}\u0000${cells.household_ref}`;
      const first = this.firstRowOf.get(key);
      if (first === undefined) this.firstRowOf.set(key, record.line);
      else {
        rowErrors.push({
          row: record.line,
          field: 'household_ref',
          value: cells.household_ref,
          reason: `the same grid already has this household_ref on row ${first}`,
        });
      }
    }
    if (rowErrors.length === 0 && result.ok) drafts.push(result.draft);
    return rowErrors;
  }
}
