import { cellsOf, type HouseholdColumn } from './household-columns';
import { parseHouseholdRow } from './parse-household-row';
import type { CsvRecord } from './read-csv-records';
import type { GridResolver } from './resolve-grid';
import type { HouseholdDraft, RowError } from './types';

/** Rows between two progress reports while checking. */
const CHECK_PROGRESS_EVERY = 5_000;

/**
 * Checks every data row: the row's own cells, extra cells beyond the header, and a household_ref the same
 * grid already had on an earlier row. Returns the valid rows as drafts and every problem of the others.
 */
export function checkHouseholdRows(
  records: readonly CsvRecord[],
  header: { fieldCount: number; positions: Map<HouseholdColumn, number> },
  grids: GridResolver,
  onChecked: (done: number) => void,
): { drafts: HouseholdDraft[]; errors: RowError[] } {
  const drafts: HouseholdDraft[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [index, record] of records.entries()) {
    if (index > 0 && index % CHECK_PROGRESS_EVERY === 0) onChecked(index);
    const extra = record.fields.slice(header.fieldCount).filter((f) => f.trim() !== '');
    const cells = cellsOf(record.fields, header.positions);
    const result = parseHouseholdRow(record.line, cells, grids);
    const rowErrors = result.ok ? [] : [...result.errors];
    if (extra.length > 0) {
      rowErrors.push({
        row: record.line,
        field: '(row)',
        value: extra.join(','),
        reason: `more cells than the header has columns (${header.fieldCount}); quote cells that contain commas`,
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
  onChecked(records.length);
  return { drafts, errors };
}
