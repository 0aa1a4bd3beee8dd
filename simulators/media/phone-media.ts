import type { RtpPacket } from './rtp-pcap';

/** One part of what a phone sends after answering; parts follow each other without gaps. */
export type MediaSegment =
  | { readonly kind: 'audio'; readonly alaw: Buffer }
  | { readonly kind: 'silence'; readonly ms: number }
  | { readonly kind: 'dtmf'; readonly digit: string; readonly toneMs: number };

/** The payload types Asterisk offers on linli's trunks (PCMA and telephone-event). */
const PCMA_PAYLOAD_TYPE = 8;
const TELEPHONE_EVENT_PAYLOAD_TYPE = 101;
export const ALAW_SILENCE = 0xd5;

const SAMPLES_PER_MS = 8;
const FRAME_MS = 20;
const FRAME_SAMPLES = FRAME_MS * SAMPLES_PER_MS;
/** RFC 4733 asks for the end of an event to be sent three times. */
const EVENT_END_REPEATS = 3;
const EVENT_VOLUME_DBM0 = 10;
const EVENT_CODES: Readonly<Record<string, number>> = { '*': 10, '#': 11 };

export interface RtpStreamIdentity {
  readonly ssrc: number;
  readonly firstSequence: number;
  readonly firstTimestamp: number;
}

/**
 * One RTP stream for the whole call: audio and key presses share its sequence numbers and clock,
 * so Asterisk reads every key as a new event (two presses of the same key included).
 */
export function rtpPacketsFor(segments: readonly MediaSegment[], stream: RtpStreamIdentity): RtpPacket[] {
  const packets: RtpPacket[] = [];
  let sequence = stream.firstSequence;
  let cursorMs = 0;
  let talkspurtStart = true;

  const push = (atMs: number, fields: Omit<RtpPacket, 'atMs' | 'ssrc' | 'sequence'>, nextSequence = true) => {
    packets.push({ atMs, ssrc: stream.ssrc, sequence: sequence & 0xffff, ...fields });
    if (nextSequence) sequence += 1;
  };
  const timestampAt = (ms: number) => (stream.firstTimestamp + ms * SAMPLES_PER_MS) >>> 0;

  for (const segment of segments) {
    if (segment.kind === 'dtmf') {
      const event = eventCode(segment.digit);
      const updates = Math.max(1, Math.ceil(segment.toneMs / FRAME_MS));
      const timestamp = timestampAt(cursorMs);
      for (let i = 0; i < updates; i++) {
        const payload = eventPayload(event, false, (i + 1) * FRAME_SAMPLES);
        push(cursorMs + i * FRAME_MS, {
          payloadType: TELEPHONE_EVENT_PAYLOAD_TYPE,
          marker: i === 0,
          timestamp,
          payload,
        });
      }
      const endPayload = eventPayload(event, true, updates * FRAME_SAMPLES);
      for (let i = 0; i < EVENT_END_REPEATS; i++) {
        const last = i === EVENT_END_REPEATS - 1;
        const at = cursorMs + (updates + i) * FRAME_MS;
        push(
          at,
          { payloadType: TELEPHONE_EVENT_PAYLOAD_TYPE, marker: false, timestamp, payload: endPayload },
          last,
        );
      }
      cursorMs += (updates + 1) * FRAME_MS;
      talkspurtStart = true;
      continue;
    }
    const samples =
      segment.kind === 'audio' ? segment.alaw : Buffer.alloc(segment.ms * SAMPLES_PER_MS, ALAW_SILENCE);
    for (let offset = 0; offset < samples.length; offset += FRAME_SAMPLES) {
      const payload = Buffer.alloc(FRAME_SAMPLES, ALAW_SILENCE);
      samples.copy(payload, 0, offset, Math.min(offset + FRAME_SAMPLES, samples.length));
      push(cursorMs, {
        payloadType: PCMA_PAYLOAD_TYPE,
        marker: talkspurtStart,
        timestamp: timestampAt(cursorMs),
        payload,
      });
      talkspurtStart = false;
      cursorMs += FRAME_MS;
    }
  }
  return packets;
}

/** How long the segments take to send, in milliseconds. */
export function mediaDurationMs(segments: readonly MediaSegment[]): number {
  const packets = rtpPacketsFor(segments, { ssrc: 0, firstSequence: 0, firstTimestamp: 0 });
  const last = packets[packets.length - 1];
  return last ? last.atMs + FRAME_MS : 0;
}

function eventCode(digit: string): number {
  const code = EVENT_CODES[digit] ?? (/^[0-9]$/.test(digit) ? Number(digit) : undefined);
  if (code === undefined) throw new Error(`not a DTMF key: "${digit}"`);
  return code;
}

function eventPayload(event: number, end: boolean, durationSamples: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeUInt8(event, 0);
  payload.writeUInt8((end ? 0x80 : 0) | EVENT_VOLUME_DBM0, 1);
  payload.writeUInt16BE(Math.min(durationSamples, 0xffff), 2);
  return payload;
}
