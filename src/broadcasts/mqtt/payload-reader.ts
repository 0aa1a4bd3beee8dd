import type { FieldProblem } from '../../validation/field-problem';

/** Devices' firmwares differ: a frame larger than this is not a status or heartbeat, it is noise. */
const MAX_PAYLOAD_BYTES = 16 * 1024;

/** Epoch numbers below this are seconds, above it milliseconds (2001-09-09 in milliseconds). */
const EPOCH_MILLISECONDS_FROM = 1e12;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/**
 * Reads one JSON object sent by a device, field by field, collecting every problem instead of
 * throwing: what devices send is accepted as liberally as its meaning allows (numbers as strings,
 * words in any case, extra fields ignored).
 */
export class PayloadReader {
  readonly problems: FieldProblem[] = [];

  private constructor(private readonly object: Record<string, unknown>) {}

  /** The payload as an object, or the reason it is not one. */
  static open(payload: Buffer | string): PayloadReader | FieldProblem {
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    if (size > MAX_PAYLOAD_BYTES) {
      return { field: '(payload)', reason: `larger than ${MAX_PAYLOAD_BYTES} bytes (${size})` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
    } catch {
      return { field: '(payload)', reason: 'not JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { field: '(payload)', reason: 'expected a JSON object' };
    }
    return new PayloadReader(parsed as Record<string, unknown>);
  }

  /** `v` is 1; a device that leaves it out speaks version 1 (the only one there is). */
  version(supported: number): void {
    const raw = this.object.v;
    if (raw === undefined || raw === null) return;
    if (Number(raw) !== supported)
      this.fail('v', `unsupported protocol version ${clip(raw)}, expected ${supported}`);
  }

  /** A non-empty identifier; numbers are taken as their decimal text. */
  id(field: string, pattern: RegExp): string | undefined {
    const raw = this.object[field];
    const text = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
    if (typeof text !== 'string' || text.trim() === '') return this.fail(field, 'missing');
    if (!pattern.test(text.trim())) return this.fail(field, `not a valid identifier (got ${clip(text)})`);
    return text.trim();
  }

  /** One of the allowed words, in any case and with stray spaces. */
  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const raw = this.object[field];
    if (typeof raw !== 'string' || raw.trim() === '') return this.fail(field, 'missing');
    const word = raw.trim().toLowerCase();
    const match = allowed.find((a) => a === word);
    if (match === undefined)
      return this.fail(field, `expected one of ${allowed.join('|')} (got ${clip(raw)})`);
    return match;
  }

  /** An instant: ISO 8601 text, or epoch seconds or milliseconds (as a number or digits). */
  instant(field: string): Date | undefined {
    const raw = this.object[field];
    if (raw === undefined || raw === null || raw === '') return this.fail(field, 'missing');
    const date = toDate(raw);
    if (date === undefined) return this.fail(field, `not a date and time (got ${clip(raw)})`);
    return date;
  }

  /** A number within limits, absent when the device left it out or empty. */
  optionalNumber(field: string, min: number, max: number): number | undefined {
    const raw = this.object[field];
    if (raw === undefined || raw === null || raw === '') return undefined;
    const value = typeof raw === 'string' ? Number(raw.trim()) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.fail(field, `expected a number (got ${clip(raw)})`);
    }
    if (value < min || value > max) return this.fail(field, `must be from ${min} to ${max} (got ${value})`);
    return value;
  }

  /** Free text, cut to a length a log line can carry; absent when empty. */
  optionalText(field: string, maxLength: number): string | undefined {
    const raw = this.object[field];
    if (raw === undefined || raw === null) return undefined;
    const text = (typeof raw === 'string' ? raw : JSON.stringify(raw)).trim();
    if (text === '') return undefined;
    return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  }

  result<T>(value: T): Parsed<T> {
    return this.problems.length === 0 ? { ok: true, value } : { ok: false, problems: this.problems };
  }

  private fail(field: string, reason: string): undefined {
    this.problems.push({ field, reason });
    return undefined;
  }
}

function toDate(raw: unknown): Date | undefined {
  let date: Date | undefined;
  const digits = typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim());
  if (typeof raw === 'number' || digits) {
    const n = Number(raw);
    if (Number.isFinite(n) && n > 0) date = new Date(n < EPOCH_MILLISECONDS_FROM ? n * 1000 : n);
  } else if (typeof raw === 'string' && ISO_DATE_TIME.test(raw.trim())) {
    const text = raw.trim().replace(' ', 'T');
    // A device clock without an offset is set to China's local time.
    date = new Date(HAS_OFFSET.test(text) ? text : `${text}+08:00`);
  }
  return date !== undefined && !Number.isNaN(date.getTime()) ? date : undefined;
}

function clip(raw: unknown): string {
  const text = typeof raw === 'string' ? `"${raw}"` : (JSON.stringify(raw) ?? String(raw));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
