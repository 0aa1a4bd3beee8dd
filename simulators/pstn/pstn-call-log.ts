import { closeSync, openSync, readSync } from 'node:fs';

import { sippTime } from '../sipp/sipp-time';

/**
 * How a simulated call ended: the caller hung up (bye-received), the phone hung up (bye-sent),
 * the caller gave up while it rang (cancelled), or the phone refused it (rejected-<SIP status>).
 */
type PstnCallEnd = 'bye-received' | 'bye-sent' | 'cancelled' | `rejected-${number}`;

/** One call the simulated PSTN received. */
export interface PstnCallRecord {
  /** The SIP Call-ID of Asterisk's INVITE. */
  readonly callId: string;
  /** The called number as dialled, without a leading '+'. */
  readonly number: string;
  /** The behaviour it got (see phone-behaviour.ts), null for the instant before it is chosen. */
  readonly behaviour: string | null;
  readonly receivedAt: Date;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  readonly end: PstnCallEnd | null;
}

export interface PstnStats {
  readonly received: number;
  readonly answered: number;
  readonly ended: number;
  /** Calls received and not ended yet. */
  readonly active: number;
  /** Calls per behaviour text, e.g. { 'press:1': 12, busy: 3 }. */
  readonly byBehaviour: Readonly<Record<string, number>>;
  /** Ended calls per way of ending, e.g. { 'bye-received': 12, 'rejected-486': 3 }. */
  readonly byEnd: Readonly<Record<string, number>>;
}

type MutableRecord = { -readonly [K in keyof PstnCallRecord]: PstnCallRecord[K] };

/** Reads the lines the PSTN scenario logs, as SIPp appends them; each read picks up what is new. */
export class PstnCallLog {
  private readonly records = new Map<string, MutableRecord>();
  private offset = 0;
  private partial = '';

  constructor(private readonly path: string) {}

  calls(): readonly PstnCallRecord[] {
    this.readNewLines();
    return [...this.records.values()].map((record) => ({ ...record }));
  }

  stats(): PstnStats {
    const calls = this.calls();
    const byBehaviour: Record<string, number> = {};
    const byEnd: Record<string, number> = {};
    for (const call of calls) {
      if (call.behaviour) byBehaviour[call.behaviour] = (byBehaviour[call.behaviour] ?? 0) + 1;
      if (call.end) byEnd[call.end] = (byEnd[call.end] ?? 0) + 1;
    }
    const ended = calls.filter((call) => call.end !== null).length;
    return {
      received: calls.length,
      answered: calls.filter((call) => call.answeredAt !== null).length,
      ended,
      active: calls.length - ended,
      byBehaviour,
      byEnd,
    };
  }

  private readNewLines(): void {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return;
    }
    try {
      const chunk = Buffer.alloc(65_536);
      for (;;) {
        const read = readSync(fd, chunk, 0, chunk.length, this.offset);
        if (read === 0) break;
        this.offset += read;
        const text = this.partial + chunk.subarray(0, read).toString('utf8');
        const lines = text.split('\n');
        this.partial = lines.pop() ?? '';
        lines.forEach((line) => this.apply(line));
      }
    } finally {
      closeSync(fd);
    }
  }

  private apply(line: string): void {
    const [event, callId, ...rest] = line.trimEnd().split(' ');
    if (!callId) return;
    const existing = this.records.get(callId);
    switch (event) {
      case 'CALL':
        this.records.set(callId, {
          callId,
          number: rest[0] ?? '',
          behaviour: null,
          receivedAt: sippTime(rest[1], rest[2]),
          answeredAt: null,
          endedAt: null,
          end: null,
        });
        return;
      case 'BRANCH':
        if (existing) existing.behaviour = rest[0] ?? null;
        return;
      case 'ANSWER':
        if (existing) existing.answeredAt = sippTime(rest[0], rest[1]);
        return;
      case 'END':
        if (existing) {
          existing.end = (rest[0] ?? null) as PstnCallEnd | null;
          existing.endedAt = sippTime(rest[1], rest[2]);
        }
        return;
    }
  }
}

/** Most calls up at the carrier at the same moment (INVITE received → call ended; one not ended yet is up until `now`). */
export function mostCallsAtOnce(
  calls: readonly Pick<PstnCallRecord, 'receivedAt' | 'endedAt'>[],
  now = Date.now(),
): number {
  const edges = calls.flatMap((c) => [
    { at: c.receivedAt.getTime(), up: 1 },
    { at: c.endedAt?.getTime() ?? now, up: -1 },
  ]);
  // An end and a start at the same instant do not overlap.
  edges.sort((a, b) => a.at - b.at || a.up - b.up);
  let up = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (up += edge.up));
  return most;
}
