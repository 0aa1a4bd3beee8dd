import { MAX_CONTENT_LENGTH, type CardFrame } from './frame';
import { parseFrameHeader, type ParsedFrameHeader } from './frame-header-parser';

export type FrameSkipReason =
  /** bytes before a `[`, e.g. line noise or a modem banner */
  | 'garbage'
  /** a `[` not followed by a well-formed MM*ID*LLLL* header */
  | 'invalid-header'
  /** no `]` within the content limit */
  | 'oversized'
  /** the next frame's header comes before this one's `]`: this one was cut short */
  | 'interrupted'
  /** the stream ended in the middle of a frame */
  | 'truncated';

export interface FrameSkip {
  reason: FrameSkipReason;
  detail: string;
  /** How many bytes were dropped. */
  skippedBytes: number;
  /** Position of the first dropped byte in the whole stream. */
  streamOffset: number;
}

export interface FrameDecodeResult {
  frames: CardFrame[];
  skips: FrameSkip[];
}

export interface FrameDecoderOptions {
  /** Content with no `]` within this many bytes is dropped as 'oversized' (default: 65535, all LLLL can say). */
  maxContentLength?: number;
}

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]

/**
 * Keywords whose content is binary (AMR voice, JPEG pictures) and may hold `]` bytes: only for
 * these does a length that lands on a `]` beat the first `]`.
 */
const BINARY_KEYWORDS = ['TK', 'JXTK', 'img'].map((keyword) => Buffer.from(`${keyword},`, 'latin1'));

type Candidate =
  | { verdict: 'frame'; header: ParsedFrameHeader; end: number }
  | { verdict: 'wait' }
  | { verdict: 'reject'; reason: FrameSkipReason; detail: string; resumeAt?: number };

/**
 * Streaming decoder for one TCP connection: push bytes as they arrive, get whole frames back.
 * Never throws on input; every dropped byte is reported in `skips` with the reason.
 *
 * Framing is on the brackets, as mature decoders of this protocol do: many cards send an LLLL
 * that does not match their content (off by a few, counted in characters, or written in decimal),
 * so a frame ends at the first `]` after its header whatever LLLL says. LLLL is used only for
 * binary content (voice, pictures), where a `]` byte may be part of the content: there the `]`
 * LLLL points at ends the frame, if there is one.
 *
 * Resynchronisation: a rejected candidate drops only bytes up to the next `[`, so a valid frame
 * that follows garbage is still found. A candidate in which the next frame's header starts before
 * its own `]` was cut short and is dropped in favour of that frame. Every decision waits until the
 * bytes it depends on have arrived, so the result does not depend on how TCP split the bytes.
 */
export class CardFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private pendingOffset = 0;
  private readonly maxContentLength: number;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxContentLength = Math.min(options.maxContentLength ?? MAX_CONTENT_LENGTH, MAX_CONTENT_LENGTH);
  }

  /** Bytes held back waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): FrameDecodeResult {
    const buf = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: CardFrame[] = [];
    const skips: FrameSkip[] = [];
    let pos = 0;

    while (pos < buf.length) {
      const start = buf.indexOf(OPEN, pos);
      if (start < 0) {
        this.skip(skips, 'garbage', 'no [ in these bytes', pos, buf.length);
        pos = buf.length;
        break;
      }
      if (start > pos) this.skip(skips, 'garbage', 'bytes before [', pos, start);
      pos = start;

      const candidate = this.judge(buf, start);
      if (candidate.verdict === 'wait') break;
      if (candidate.verdict === 'reject') {
        const next = candidate.resumeAt ?? nextOpen(buf, start + 1);
        this.skip(skips, candidate.reason, candidate.detail, start, next);
        pos = next;
        continue;
      }
      const { header, end } = candidate;
      const frame: CardFrame = {
        vendor: header.vendor,
        deviceId: header.deviceId,
        content: buf.subarray(header.contentStart, end),
      };
      if (header.index !== undefined) frame.index = header.index;
      frames.push(frame);
      pos = end + 1;
    }

    // Copy the remainder so a small leftover does not pin a large socket chunk in memory.
    this.pending = pos >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(pos));
    this.pendingOffset += pos;
    return { frames, skips };
  }

  /** The connection closed: whatever is still buffered is a truncated frame. */
  end(): FrameSkip[] {
    if (this.pending.length === 0) return [];
    const skip: FrameSkip = {
      reason: 'truncated',
      detail: 'connection ended inside a frame',
      skippedBytes: this.pending.length,
      streamOffset: this.pendingOffset,
    };
    this.pendingOffset += this.pending.length;
    this.pending = Buffer.alloc(0);
    return [skip];
  }

  private judge(buf: Buffer, start: number): Candidate {
    const parsed = parseFrameHeader(buf, start);
    if (parsed.status === 'incomplete') return { verdict: 'wait' };
    if (parsed.status === 'invalid')
      return { verdict: 'reject', reason: 'invalid-header', detail: parsed.reason };
    const header = parsed.header;
    const binary = isBinaryContent(buf, header.contentStart);
    if (binary === 'wait') return { verdict: 'wait' };
    const lengthEnd =
      binary && header.contentLength <= this.maxContentLength
        ? header.contentStart + header.contentLength
        : undefined;
    const end = findFrameEnd(buf, header.contentStart, lengthEnd, this.maxContentLength);
    switch (end.kind) {
      case 'end':
        return { verdict: 'frame', header, end: end.at };
      case 'wait':
        return { verdict: 'wait' };
      case 'next-frame':
        return {
          verdict: 'reject',
          reason: 'interrupted',
          detail: 'the next frame starts before this one has a ]',
          resumeAt: end.at,
        };
      case 'too-long':
        return {
          verdict: 'reject',
          reason: 'oversized',
          detail: `no ] within ${this.maxContentLength} bytes of content`,
        };
    }
  }

  private skip(skips: FrameSkip[], reason: FrameSkipReason, detail: string, from: number, to: number): void {
    skips.push({ reason, detail, skippedBytes: to - from, streamOffset: this.pendingOffset + from });
  }
}

function nextOpen(buf: Buffer, from: number): number {
  const at = buf.indexOf(OPEN, from);
  return at < 0 ? buf.length : at;
}

/** Whether the content at `from` starts with a binary keyword; 'wait' until enough bytes say. */
function isBinaryContent(buf: Buffer, from: number): boolean | 'wait' {
  let undecided = false;
  for (const prefix of BINARY_KEYWORDS) {
    const available = buf.subarray(from, from + prefix.length);
    if (available.length === prefix.length) {
      if (available.equals(prefix)) return true;
    } else if (prefix.subarray(0, available.length).equals(available)) {
      undecided = true;
    }
  }
  return undecided ? 'wait' : false;
}

type FrameEnd =
  { kind: 'end'; at: number } | { kind: 'next-frame'; at: number } | { kind: 'wait' } | { kind: 'too-long' };

/**
 * Where the content starting at `from` ends: at the first `]`, or at `lengthEnd` when that is a
 * `]` and no frame header comes first. A `[` that begins a well-formed header before any `]` is
 * the next frame. A `[` whose header is still arriving keeps the decision waiting: whether it
 * begins a frame decides where this one ends.
 */
function findFrameEnd(
  buf: Buffer,
  from: number,
  lengthEnd: number | undefined,
  maxContentLength: number,
): FrameEnd {
  let firstClose = -1;
  let trustLength = lengthEnd !== undefined;
  for (let at = from; ; at++) {
    if (firstClose < 0 && at - from > maxContentLength) return { kind: 'too-long' };
    if (at >= buf.length) return { kind: 'wait' };
    const byte = buf[at];
    if (byte === CLOSE) {
      if (!trustLength || at === lengthEnd) return { kind: 'end', at };
      if (firstClose < 0) firstClose = at;
    } else if (byte === OPEN) {
      const next = parseFrameHeader(buf, at);
      if (next.status === 'incomplete') return { kind: 'wait' };
      if (next.status === 'ok')
        return firstClose < 0 ? { kind: 'next-frame', at } : { kind: 'end', at: firstClose };
    }
    if (trustLength && at === lengthEnd) {
      // LLLL does not point at a `]`: it is wrong, so the brackets decide.
      if (firstClose >= 0) return { kind: 'end', at: firstClose };
      trustLength = false;
    }
  }
}
