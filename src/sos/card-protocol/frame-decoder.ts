import { MAX_CONTENT_LENGTH, type CardFrame } from './frame';
import { parseFrameHeader, type ParsedFrameHeader } from './frame-header-parser';

export type FrameSkipReason =
  /** bytes before a `[`, e.g. line noise or a modem banner */
  | 'garbage'
  /** a `[` not followed by a well-formed MM*ID*LLLL* header */
  | 'invalid-header'
  /** LLLL larger than the decoder accepts */
  | 'oversized'
  /** the byte LLLL bytes after the header is not `]` */
  | 'length-mismatch'
  /** a complete valid frame starts inside this one's declared content: this one was cut short */
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
  /** Frames announcing more content are dropped as 'oversized' (default: 65535, all LLLL can say). */
  maxContentLength?: number;
}

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]

type Candidate =
  | { verdict: 'frame'; header: ParsedFrameHeader; end: number }
  | { verdict: 'wait' }
  | { verdict: 'reject'; reason: FrameSkipReason; detail: string; resumeAt?: number };

/**
 * Streaming decoder for one TCP connection: push bytes as they arrive, get whole frames back.
 * Never throws on input; every dropped byte is reported in `skips` with the reason.
 *
 * Resynchronisation: a rejected candidate drops only bytes up to the next `[`, so a valid frame
 * that follows garbage (or a truncated frame) is still found. A candidate whose declared content
 * contains a complete valid frame is rejected in favour of that frame; this keeps a fake or
 * truncated header with a large LLLL from swallowing the frames after it, and it makes the
 * result independent of how TCP split the bytes.
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
    if (header.contentLength > this.maxContentLength) {
      return {
        verdict: 'reject',
        reason: 'oversized',
        detail: `LLLL announces ${header.contentLength} bytes, limit is ${this.maxContentLength}`,
      };
    }
    const end = header.contentStart + header.contentLength;

    const embedded = findEmbeddedFrame(
      buf,
      header.contentStart,
      Math.min(end, buf.length),
      this.maxContentLength,
    );
    if (embedded.found) {
      return {
        verdict: 'reject',
        reason: 'interrupted',
        detail: 'a complete frame starts inside the declared content',
        resumeAt: embedded.at,
      };
    }
    if (end < buf.length && buf[end] !== CLOSE) {
      return {
        verdict: 'reject',
        reason: 'length-mismatch',
        detail: `no ] after ${header.contentLength} bytes`,
      };
    }
    if (embedded.undecided || end >= buf.length) return { verdict: 'wait' };
    return { verdict: 'frame', header, end };
  }

  private skip(skips: FrameSkip[], reason: FrameSkipReason, detail: string, from: number, to: number): void {
    skips.push({ reason, detail, skippedBytes: to - from, streamOffset: this.pendingOffset + from });
  }
}

function nextOpen(buf: Buffer, from: number): number {
  const at = buf.indexOf(OPEN, from);
  return at < 0 ? buf.length : at;
}

type FrameShape = 'complete' | 'incomplete' | 'invalid';

/** Whether the `[` at `at` begins a frame whose header parses and whose length lands on `]`. */
function frameShapeAt(buf: Buffer, at: number, maxContentLength: number): FrameShape {
  const parsed = parseFrameHeader(buf, at);
  if (parsed.status === 'incomplete') return 'incomplete';
  if (parsed.status === 'invalid' || parsed.header.contentLength > maxContentLength) return 'invalid';
  const end = parsed.header.contentStart + parsed.header.contentLength;
  if (end >= buf.length) return 'incomplete';
  return buf[end] === CLOSE ? 'complete' : 'invalid';
}

function hasCompleteFrame(buf: Buffer, from: number, maxContentLength: number): boolean {
  for (let at = buf.indexOf(OPEN, from); at >= 0; at = buf.indexOf(OPEN, at + 1)) {
    if (frameShapeAt(buf, at, maxContentLength) === 'complete') return true;
  }
  return false;
}

/**
 * Looks for a `[` in [from, to) that begins a complete, length-consistent frame.
 * `undecided` means some `[` there may still begin one once more bytes arrive. A candidate
 * that runs past the buffered bytes but already contains a complete frame cannot be a frame,
 * so it does not keep the decoder waiting.
 */
function findEmbeddedFrame(
  buf: Buffer,
  from: number,
  to: number,
  maxContentLength: number,
): { found: true; at: number } | { found: false; undecided: boolean } {
  let undecided = false;
  for (let at = buf.indexOf(OPEN, from); at >= 0 && at < to; at = buf.indexOf(OPEN, at + 1)) {
    const shape = frameShapeAt(buf, at, maxContentLength);
    if (shape === 'complete') return { found: true, at };
    if (shape === 'incomplete' && !undecided) undecided = !hasCompleteFrame(buf, at + 1, maxContentLength);
  }
  return { found: false, undecided };
}
