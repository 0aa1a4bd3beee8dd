/** A row the operator must fix; `line` is 1-based, as an editor shows it. */
export interface CsvRowError {
  line: number;
  message: string;
}

export interface CsvParseResult<T> {
  rows: T[];
  errors: CsvRowError[];
}

/** Thrown by a row parser for a bad field; the row is skipped and reported, the rest still load. */
export class FieldError extends Error {}

/**
 * Parses unquoted comma-separated rows (the tables linli loads never quote). Blank lines are skipped
 * and a first line equal to the header is allowed, since exports come both with and without one.
 */
export function parseCsvRows<T>(
  text: string,
  header: readonly string[],
  parseRow: (fields: readonly string[]) => T,
): CsvParseResult<T> {
  const rows: T[] = [];
  const errors: CsvRowError[] = [];
  const headerLine = header.join(',').toLowerCase();
  let seenContent = false;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      const content = raw.trim();
      if (content === '') return;
      const first = !seenContent;
      seenContent = true;
      if (first && content.replace(/\s/g, '').toLowerCase() === headerLine) return;
      const fields = content.split(',').map((f) => f.trim());
      if (fields.length !== header.length) {
        errors.push({ line, message: `expected ${header.length} fields, found ${fields.length}` });
        return;
      }
      try {
        rows.push(parseRow(fields));
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
        errors.push({ line, message: e.message });
      }
    });
  return { rows, errors };
}

/** The field at `index`, which parseCsvRows has already checked exists. */
export function field(fields: readonly string[], index: number): string {
  return fields[index] ?? '';
}

export function integerField(raw: string, name: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw)) throw new FieldError(`${name} must be a whole number, got "${raw}"`);
  return inRange(Number(raw), name, min, max);
}

export function decimalField(raw: string, name: string, min: number, max: number): number {
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new FieldError(`${name} must be a number, got "${raw}"`);
  return inRange(Number(raw), name, min, max);
}

function inRange(value: number, name: string, min: number, max: number): number {
  if (value < min || value > max) throw new FieldError(`${name} ${value} is outside ${min}..${max}`);
  return value;
}
