/**
 * The $1… parameters of one statement sent to the driver (bulkSql), each placeholder numbered as the
 * text that uses it is built, so conditions can be added one by one like Prisma.sql fragments.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds `value` as the next parameter and gives back its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Adds an instant (epoch ms) as the next parameter: an expression for it as the columns hold it (UTC, without a zone). */
  instant(ms: number): string {
    return `(TIMESTAMP 'epoch' + ${this.add(ms)}::bigint * INTERVAL '1 millisecond')`;
  }
}

/**
 * A timestamp column (UTC, without a zone) as epoch milliseconds under its own name: the driver's own
 * reading of such a column depends on the process's time zone.
 */
export const epochMs = (table: string, column: string): string =>
  `(extract(epoch FROM ${table}."${column}") * 1000)::float8 AS "${column}"`;
