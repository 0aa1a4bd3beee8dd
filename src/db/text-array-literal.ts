const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/** Whether every value may go between quotes as it is: none is null, none holds a quote or a backslash. */
function allPlain(values: readonly (string | null)[]): boolean {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? null;
    if (value === null || value.includes('"') || value.includes('\\')) return false;
  }
  return true;
}

/**
 * A PostgreSQL text[] literal ({"a","b",NULL}) for a bulk statement's column, sent as one text parameter
 * and cast ($1::text[]). Every driver passes a string the same way (node-postgres, PGlite, Prisma), and
 * unnest() over such columns costs PostgreSQL far less to read than the same rows as JSON objects, whose
 * keys it reads again on every row. A value that is itself a literal (a row's text[]) nests as a string.
 * Most columns (ids, names, numbers) need no escaping: they are joined in one go, which spared a city's
 * import a string per value and most of the time it spent here.
 */
export function textArrayLiteral(values: readonly (string | null)[]): string {
  if (values.length === 0) return '{}';
  if (allPlain(values)) return `{"${values.join('","')}"}`;
  const elements = new Array<string>(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? null;
    elements[i] =
      value === null ? 'NULL' : `"${NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, '\\$&') : value}"`;
  }
  return `{${elements.join(',')}}`;
}
