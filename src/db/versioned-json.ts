import { z } from 'zod';
import type { Prisma } from '../generated/prisma/client';

/**
 * A JSON value in the database that cannot be read: names the column (`Table.column`), the row and
 * what is wrong, so an operator can find and fix the row.
 */
export class UnreadableJsonError extends Error {
  override readonly name = 'UnreadableJsonError';

  constructor(
    readonly column: string,
    readonly rowId: string,
    readonly problem: string,
  ) {
    super(`${column} of row ${rowId} cannot be read: ${problem}`);
  }
}

/** The JSON object a versioned value is written as: its fields plus `version`. */
export type VersionedJsonObject = Prisma.InputJsonObject & { version: number };

interface Version {
  schema: z.ZodType;
  /** Turns a value of the version before this one into one this version's schema accepts. */
  upgrade: (previous: unknown) => unknown;
}

/**
 * One JSON column's stored shapes, version 1 onwards. Every value is written as an object with a
 * `version` field, so a deploy knows which shape it holds; values written before versioning have no
 * such field and count as version 1. Reading validates a value with its own version's schema and
 * upgrades it step by step to the current one, validating each step; a value a newer deploy wrote is
 * refused rather than half understood.
 *
 *   const json = VersionedJson.first('Campaign.definition', v1).next(v2, ({ prompts, ...rest }) => rest);
 */
export class VersionedJson<T> {
  private constructor(
    readonly column: string,
    private readonly versions: readonly Version[],
  ) {}

  static first<S extends z.ZodType>(column: string, schema: S): VersionedJson<z.output<S>> {
    return new VersionedJson(column, [{ schema, upgrade: (v) => v }]);
  }

  /** Adds the next version: its schema, and how a value of the current version becomes one of it. */
  next<S extends z.ZodType>(schema: S, upgrade: (previous: T) => z.input<S>): VersionedJson<z.output<S>> {
    return new VersionedJson(this.column, [
      ...this.versions,
      { schema, upgrade: upgrade as (previous: unknown) => unknown },
    ]);
  }

  /** The version `write` writes. */
  get current(): number {
    return this.versions.length;
  }

  /** The stored value of row `rowId`, upgraded to the current version; throws UnreadableJsonError. */
  read(rowId: string, json: unknown): T {
    const fail = (problem: string) => new UnreadableJsonError(this.column, rowId, problem);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw fail(`expected an object, found ${describe(json)}`);
    }
    const { version = 1, ...fields } = json as Record<string, unknown>;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw fail(`version ${JSON.stringify(version)} is not a version number`);
    }
    if (version > this.current) {
      throw fail(`version ${version} was written by a newer deploy; this one reads up to ${this.current}`);
    }
    let value: unknown = fields;
    for (let v = version; v <= this.current; v++) {
      const step = this.versions[v - 1] as Version;
      const input = v === version ? value : step.upgrade(value);
      const parsed = step.schema.safeParse(input);
      if (!parsed.success) {
        const stage = v === version ? `as version ${v}` : `after the upgrade to version ${v}`;
        throw fail(`${stage}: ${describeIssues(parsed.error)}`);
      }
      value = parsed.data;
    }
    return value as T;
  }

  /**
   * The value as it is written: plain JSON with the current version. It is checked against the current
   * schema first, so what is written can always be read back.
   */
  write(value: T): VersionedJsonObject {
    const json = JSON.parse(JSON.stringify(value)) as Prisma.InputJsonObject;
    const parsed = this.versions[this.current - 1]?.schema.safeParse(json);
    if (parsed && !parsed.success) {
      throw new TypeError(`${this.column} would be written unreadable: ${describeIssues(parsed.error)}`);
    }
    return { ...json, version: this.current };
  }
}

/**
 * A JSON array column whose entries are appended by different deploys over time (a timeline, a call's
 * events): each entry carries its own version.
 */
export class VersionedJsonList<T> {
  constructor(private readonly entry: VersionedJson<T>) {}

  get column(): string {
    return this.entry.column;
  }

  read(rowId: string, json: unknown): T[] {
    return this.readReadable(rowId, json, (error) => {
      throw error;
    });
  }

  /**
   * The entries that can be read, each one that cannot passed to `skip`: for readers that must go on
   * with what is there (the SOS locator with a card's radio readings).
   */
  readReadable(rowId: string, json: unknown, skip: (error: UnreadableJsonError) => void): T[] {
    if (!Array.isArray(json)) {
      skip(new UnreadableJsonError(this.column, rowId, `expected an array, found ${describe(json)}`));
      return [];
    }
    return json.flatMap((item, index) => {
      try {
        return [this.entry.read(rowId, item)];
      } catch (error) {
        if (!(error instanceof UnreadableJsonError)) throw error;
        skip(new UnreadableJsonError(this.column, rowId, `entry ${index}: ${error.problem}`));
        return [];
      }
    });
  }

  write(entries: readonly T[]): VersionedJsonObject[] {
    return entries.map((e) => this.entry.write(e));
  }
}

/**
 * A zod enum of every member of a string union. Listing them as a record makes the compiler report a
 * member added to the union but not here, which would otherwise make stored values unreadable.
 */
export function exhaustiveEnum<K extends string>(members: Record<K, true>): z.ZodEnum<{ [M in K]: M }> {
  return z.enum(Object.keys(members) as [K, ...K[]]) as unknown as z.ZodEnum<{ [M in K]: M }>;
}

function describe(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'an array';
  return typeof json === 'object' ? 'an object' : `a ${typeof json}`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(value)'}: ${issue.message}`)
    .join('; ');
}
