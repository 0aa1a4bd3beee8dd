import type { CardFrameHeader } from './frame';

export interface ParsedFrameHeader extends CardFrameHeader {
  contentStart: number;
  contentLength: number;
}

export type HeaderParseResult =
  | { status: 'ok'; header: ParsedFrameHeader }
  | { status: 'incomplete' }
  | { status: 'invalid'; reason: string };

const OPEN = 0x5b; // [
const STAR = 0x2a; // *
const MAX_DEVICE_ID_LENGTH = 32;

const INCOMPLETE: HeaderParseResult = { status: 'incomplete' };

function isAlnum(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
}

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  return -1;
}

/** Value of 4 hex digits at `at`, -1 if one is not a hex digit; the caller checks availability. */
function readHex4(buf: Buffer, at: number): number {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const digit = hexValue(buf[at + i] ?? -1);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * Parses `[MM*ID*LLLL*` or `[MM*ID*NNNN*LLLL*` at `start` (where buf[start] is `[`), byte by byte,
 * so that a header cut by a TCP read is "incomplete" rather than "invalid".
 * The index layout is recognised as "4 hex digits and `*` right after the first 4-hex field";
 * no content keyword is 4 hex digits followed by `*`, so the two layouts cannot be confused.
 */
export function parseFrameHeader(buf: Buffer, start: number): HeaderParseResult {
  const end = buf.length;
  if (buf[start] !== OPEN) return { status: 'invalid', reason: 'frame does not start with [' };
  let p = start + 1;
  for (let i = 0; i < 2; i++, p++) {
    if (p >= end) return INCOMPLETE;
    if (!isAlnum(buf[p] ?? 0)) return { status: 'invalid', reason: 'vendor prefix is not 2 letters/digits' };
  }
  if (p >= end) return INCOMPLETE;
  if (buf[p] !== STAR) return { status: 'invalid', reason: 'no * after the vendor prefix' };
  p++;

  const idStart = p;
  while (p < end && isAlnum(buf[p] ?? 0)) {
    if (p - idStart >= MAX_DEVICE_ID_LENGTH) return { status: 'invalid', reason: 'device id longer than 32' };
    p++;
  }
  if (p >= end) return INCOMPLETE;
  if (buf[p] !== STAR || p === idStart)
    return { status: 'invalid', reason: 'device id is not letters/digits' };
  const deviceId = buf.toString('latin1', idStart, p);
  p++;

  if (p + 5 > end) return incompleteUnlessNotHex(buf, p, end);
  const first = readHex4(buf, p);
  if (first < 0 || buf[p + 4] !== STAR)
    return { status: 'invalid', reason: 'length is not 4 hex digits and *' };
  p += 5;

  const vendor = buf.toString('latin1', start + 1, start + 3);
  const indexLayout = detectIndexLayout(buf, p, end);
  if (indexLayout === 'incomplete') return INCOMPLETE;
  if (indexLayout === 'no-index') {
    return { status: 'ok', header: { vendor, deviceId, contentStart: p, contentLength: first } };
  }
  const index = buf.toString('latin1', p - 5, p - 1);
  return {
    status: 'ok',
    header: { vendor, deviceId, index, contentStart: p + 5, contentLength: readHex4(buf, p) },
  };
}

function incompleteUnlessNotHex(buf: Buffer, from: number, end: number): HeaderParseResult {
  for (let i = from; i < end && i < from + 4; i++) {
    if (hexValue(buf[i] ?? -1) < 0) return { status: 'invalid', reason: 'length is not 4 hex digits and *' };
  }
  return INCOMPLETE;
}

function detectIndexLayout(buf: Buffer, p: number, end: number): 'index' | 'no-index' | 'incomplete' {
  for (let i = 0; i < 4; i++) {
    if (p + i >= end) return 'incomplete';
    if (hexValue(buf[p + i] ?? -1) < 0) return 'no-index';
  }
  if (p + 4 >= end) return 'incomplete';
  return buf[p + 4] === STAR ? 'index' : 'no-index';
}
