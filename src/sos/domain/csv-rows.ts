import { parse, type CsvError } from 'csv-parse/sync';
import type { FieldProblem } from '../../validation/field-problem';

/** A row the operator must fix; `line` is 1-based, as an editor shows it (the row's last line). */
interface CsvRowError extends FieldProblem {
  line: number;
}

export interface CsvParseResult<T> {
  rows: T[];
  errors: CsvRowError[];
}

/** The `field` of a problem with a whole row rather than one of its fields. */
const WHOLE_ROW = '(row)';

/** Thrown by a row parser for a bad field; the row is skipped and reported, the rest still load. */
export class RowFieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/**
 * Parses comma-separated rows (RFC 4180 quoting). Blank lines are skipped and a first row equal to the
 * header is allowed, since exports come both with and without one. A row that is not valid CSV is
 * reported and skipped like a row with a bad field.
 */
export function parseCsvRows<T>(
  text: string,
  header: readonly string[],
  parseRow: (fields: readonly string[]) => T,
): CsvParseResult<T> {
  const rows: T[] = [];
  const errors: CsvRowError[] = [];
  const headerLine = header.join(',').toLowerCase();
  let firstRecord = true;
  let lastLine = 0;
  const readRecord = (record: string[], line: number): void => {
    const first = firstRecord;
    firstRecord = false;
    lastLine = line;
    if (first && record.join(',').toLowerCase() === headerLine) return;
    if (record.length !== header.length) {
      errors.push({
        line,
        field: WHOLE_ROW,
        reason: `expected ${header.length} fields, found ${record.length}`,
      });
      return;
    }
    try {
      rows.push(parseRow(record));
    } catch (e) {
      if (!(e instanceof RowFieldError)) throw e;
      errors.push({ line, field: e.field, reason: e.reason });
    }
  };
  parse(text, {
    bom: true,
    trim: true,
    // Files are edited on several systems, so one may mix Windows and Unix line ends.
    record_delimiter: ['\r\n', '\n'],
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return;
      // csv-parse sets `lines` on its errors but does not declare it.
      const line = typeof error.lines === 'number' ? error.lines : lastLine + 1;
      errors.push({ line, field: WHOLE_ROW, reason: error.message });
    },
    // Each record is read as it is parsed and none is kept, so a large table is not held twice.
    on_record: (record: string[], { lines }) => {
      readRecord(record, lines);
      return null;
    },
  });
  return { rows, errors };
}

/** The field at `index`, which parseCsvRows has already checked exists. */
export function field(fields: readonly string[], index: number): string {
  return fields[index] ?? '';
}

export function integerField(raw: string, name: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw)) throw new RowFieldError(name, `must be a whole number, got "${raw}"`);
  return inRange(Number(raw), name, min, max);
}

export function decimalField(raw: string, name: string, min: number, max: number): number {
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new RowFieldError(name, `must be a number, got "${raw}"`);
  return inRange(Number(raw), name, min, max);
}

function inRange(value: number, name: string, min: number, max: number): number {
  if (value < min || value > max) throw new RowFieldError(name, `${value} is outside ${min}..${max}`);
  return value;
}
