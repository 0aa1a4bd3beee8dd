import { clip, ContentValidationError } from './content-error';

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d*)?$/;

export interface Range {
  min?: number;
  max?: number;
}

/** Reads comma-separated fields in order; every failure names the field it was reading. */
export class FieldCursor {
  private position = 0;

  constructor(
    private readonly fields: readonly string[],
    private readonly keyword: string,
  ) {}

  get remaining(): number {
    return this.fields.length - this.position;
  }

  /** Fields not read yet, consumed. */
  rest(): string[] {
    const rest = this.fields.slice(this.position);
    this.position = this.fields.length;
    return rest;
  }

  text(field: string): string {
    const value = this.fields[this.position];
    if (value === undefined) this.fail(field, 'missing: the content ends before it');
    this.position++;
    return value;
  }

  int(field: string, range: Range = {}): number {
    const raw = this.text(field).trim();
    if (!INTEGER.test(raw)) this.fail(field, 'expected an integer', raw);
    return this.inRange(field, Number(raw), range, raw);
  }

  /** Empty means "the card did not say". */
  optionalInt(field: string, range: Range = {}): number | undefined {
    const raw = this.text(field).trim();
    if (raw === '') return undefined;
    if (!INTEGER.test(raw)) this.fail(field, 'expected an integer or nothing', raw);
    return this.inRange(field, Number(raw), range, raw);
  }

  decimal(field: string, range: Range = {}): number {
    const raw = this.text(field).trim();
    if (!DECIMAL.test(raw)) this.fail(field, 'expected a decimal number', raw);
    return this.inRange(field, Number(raw), range, raw);
  }

  optionalDecimal(field: string, range: Range = {}): number | undefined {
    const raw = this.text(field).trim();
    if (raw === '') return undefined;
    if (!DECIMAL.test(raw)) this.fail(field, 'expected a decimal number or nothing', raw);
    return this.inRange(field, Number(raw), range, raw);
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const raw = this.text(field).trim();
    const match = allowed.find((a) => a === raw);
    if (match === undefined) this.fail(field, `expected one of ${allowed.join('|')}`, raw);
    return match;
  }

  fail(field: string, reason: string, value?: string): never {
    throw new ContentValidationError({
      keyword: this.keyword,
      field,
      reason,
      ...(value === undefined ? {} : { value: clip(value) }),
    });
  }

  private inRange(field: string, value: number, range: Range, raw: string): number {
    if (range.min !== undefined && value < range.min) this.fail(field, `must be at least ${range.min}`, raw);
    if (range.max !== undefined && value > range.max) this.fail(field, `must be at most ${range.max}`, raw);
    return value;
  }
}
