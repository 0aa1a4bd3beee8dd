import type { RowError } from './types';

export const HOUSEHOLD_COLUMNS = [
  'village',
  'grid',
  'household_ref',
  'address',
  'latitude',
  'longitude',
  'phones',
  'members',
  'tags',
] as const;
export type HouseholdColumn = (typeof HOUSEHOLD_COLUMNS)[number];
export type HouseholdCells = Record<HouseholdColumn, string>;

// Without these a row cannot be placed or called; the others may be left out of the file entirely.
const REQUIRED_COLUMNS: readonly HouseholdColumn[] = [
  'village',
  'grid',
  'household_ref',
  'address',
  'phones',
];

function isHouseholdColumn(name: string): name is HouseholdColumn {
  return (HOUSEHOLD_COLUMNS as readonly string[]).includes(name);
}

export type HeaderLayout =
  { ok: true; positions: Map<HouseholdColumn, number> } | { ok: false; errors: RowError[] };

/** Maps column names (any order, any case) to positions; unknown, repeated and missing columns are errors. */
export function readHeader(fields: readonly string[], line: number): HeaderLayout {
  const positions = new Map<HouseholdColumn, number>();
  const errors: RowError[] = [];
  const expected = HOUSEHOLD_COLUMNS.join(',');
  fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === '') return;
    if (!isHouseholdColumn(name)) {
      errors.push({
        row: line,
        field: '(header)',
        value: raw,
        reason: `unknown column; the header is ${expected}`,
      });
    } else if (positions.has(name)) {
      errors.push({ row: line, field: '(header)', value: raw, reason: 'column appears twice' });
    } else {
      positions.set(name, index);
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!positions.has(column)) {
      errors.push({
        row: line,
        field: '(header)',
        value: column,
        reason: `missing column; the header is ${expected}`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, positions };
}

/** The row's cells by column; a short row (trailing cells left off) reads as empty cells. */
export function cellsOf(fields: readonly string[], positions: Map<HouseholdColumn, number>): HouseholdCells {
  const cells = {} as HouseholdCells;
  for (const column of HOUSEHOLD_COLUMNS) {
    const position = positions.get(column);
    cells[column] = (position === undefined ? '' : (fields[position] ?? '')).trim();
  }
  return cells;
}
