import type { CallEvent, EndedCallRecord, InboundCall } from '../call-events';
import { classifyCallEnd, originateReasonToCause } from '../q850';
import { ChannelState, type AmiEvent } from './ami-events';
import { callEventOfUserEvent, inboundOfUserEvent, machineVerdict } from './user-events';

interface TrackedChannel {
  trunk: string | null;
  answered: boolean;
  ended: boolean;
  /** When it was first seen, in the tracker's own order (see `mark`). */
  seen: number;
}

/** What the dialplan kept of an answered call in Asterisk's database (context linli-outcome). */
export interface KeptOutcome {
  answered: boolean;
  cause: number;
  digit: string;
  amd: string;
}

export function parseKeptOutcome(value: string): KeptOutcome | null {
  const m = /^([01]):(\d*):([0-9*#]?):([A-Z]*)$/.exec(value);
  if (!m) return null;
  return { answered: m[1] === '1', cause: Number(m[2] || 0), digit: m[3] ?? '', amd: m[4] ?? '' };
}

/** What the dialplan kept, as the port reports it. */
export function endedCallRecord(kept: KeptOutcome): EndedCallRecord {
  return {
    answered: kept.answered,
    q850: kept.cause,
    digit: kept.digit,
    machine: kept.amd === '' ? null : machineVerdict(kept.amd),
  };
}

export interface TrackerOutput {
  calls: CallEvent[];
  inbound: InboundCall[];
}

/** Trunk endpoint of a PJSIP channel name such as PJSIP/pstn-0000001a. */
function trunkOfChannel(channel: string, trunks: ReadonlySet<string>): string | null {
  const m = /^PJSIP\/(.+)-[0-9a-f]{8}$/.exec(channel);
  return m && m[1] && trunks.has(m[1]) ? m[1] : null;
}

/**
 * Follows the channels of one Asterisk server and turns AMI events into call events. Keeps only
 * what the live channels need: a channel is forgotten when it hangs up.
 */
export class ChannelTracker {
  private readonly channels = new Map<string, TrackedChannel>();
  private readonly trunkUse = new Map<string, number>();
  /** Calls that ended lately, so a late OriginateResponse does not end them twice. */
  private readonly recentlyEnded = new Map<string, number>();
  private seen = 0;

  constructor(
    private readonly server: string,
    private readonly trunks: ReadonlySet<string>,
  ) {}

  channelsInUse(trunk: string): number {
    return this.trunkUse.get(trunk) ?? 0;
  }

  liveChannelIds(): string[] {
    return [...this.channels.keys()];
  }

  apply(event: AmiEvent, at: Date): TrackerOutput {
    const out: TrackerOutput = { calls: [], inbound: [] };
    const base = { server: this.server, at };
    switch (event.kind) {
      case 'newchannel':
        this.track(event.uniqueId, event.channel, event.state === ChannelState.UP);
        break;
      case 'newstate': {
        const ch = this.channels.get(event.uniqueId) ?? this.track(event.uniqueId, event.channel, false);
        if (event.state === ChannelState.RINGING)
          out.calls.push({ ...base, type: 'ringing', callId: event.uniqueId });
        if (event.state === ChannelState.UP && !ch.answered) {
          ch.answered = true;
          out.calls.push({ ...base, type: 'answered', callId: event.uniqueId });
        }
        break;
      }
      case 'dtmf':
        out.calls.push({ ...base, type: 'tone', callId: event.uniqueId, digit: event.digit });
        break;
      case 'user': {
        const about = { ...base, callId: event.uniqueId };
        const call = callEventOfUserEvent(event.name, event.fields, about);
        if (call) out.calls.push(call);
        const inbound = inboundOfUserEvent(event.name, event.fields, about);
        if (inbound) out.inbound.push(inbound);
        break;
      }
      case 'bridge-enter':
        out.calls.push({ ...base, type: 'bridged', callId: event.uniqueId, bridgeId: event.bridgeId });
        break;
      case 'hangup':
        out.calls.push(...this.end(event.uniqueId, event.cause, false, at));
        break;
      default:
        break;
    }
    return out;
  }

  /**
   * An originate that failed: ends the call if no channel reported its own end. An answered channel
   * is left to its own Hangup: what the person's phone did outranks the originate's last word.
   */
  originateFailed(callId: string, reason: number, at: Date): CallEvent[] {
    if (this.recentlyEnded.has(callId)) return [];
    const cause = originateReasonToCause(reason);
    const ch = this.channels.get(callId);
    if (ch?.answered) return [];
    if (!ch) {
      this.remember(callId, at);
      return [endedEvent({ callId, server: this.server, at }, false, cause, false)];
    }
    return this.end(callId, cause, false, at);
  }

  isLive(callId: string): boolean {
    const ch = this.channels.get(callId);
    return ch !== undefined && !ch.ended;
  }

  /** A mark to take just before asking Asterisk for its channels; `resync` needs it. */
  mark(): number {
    return this.seen;
  }

  /**
   * After a reconnect, with Asterisk's channel listing asked for at `mark`: adopts channels Asterisk
   * has that we did not know (started while we were away) and returns the ids of tracked channels
   * it no longer has: they ended unseen. A channel first seen after the mark may be missing from
   * the listing only because it is younger, and one that ended since is not adopted back: events
   * go on arriving while the listing does.
   */
  resync(live: { uniqueId: string; channel: string; state: number }[], mark: number): string[] {
    const liveIds = new Set(live.map((c) => c.uniqueId));
    const lost = [...this.channels]
      .filter(([id, ch]) => ch.seen <= mark && !liveIds.has(id))
      .map(([id]) => id);
    for (const c of live) {
      if (this.recentlyEnded.has(c.uniqueId)) continue;
      const ch = this.channels.get(c.uniqueId) ?? this.track(c.uniqueId, c.channel, false);
      ch.answered ||= c.state === ChannelState.UP;
    }
    return lost;
  }

  /** Ends a call that ended unseen, with what Asterisk kept of it, or as unknown. */
  endUnseen(callId: string, kept: KeptOutcome | null, at: Date): CallEvent[] {
    const base = { callId, server: this.server, at };
    const digit: CallEvent[] = kept?.digit
      ? [{ ...base, type: 'digit', digit: kept.digit, play: 1, recovered: true }]
      : [];
    const ch = this.channels.get(callId);
    if (ch && kept) ch.answered ||= kept.answered;
    return [...digit, ...this.end(callId, kept?.cause ?? 0, kept === null, at)];
  }

  private track(uniqueId: string, channel: string, answered: boolean): TrackedChannel {
    const existing = this.channels.get(uniqueId);
    if (existing) return existing;
    const trunk = trunkOfChannel(channel, this.trunks);
    const ch: TrackedChannel = { trunk, answered, ended: false, seen: ++this.seen };
    this.channels.set(uniqueId, ch);
    if (trunk) this.trunkUse.set(trunk, this.channelsInUse(trunk) + 1);
    return ch;
  }

  private remember(callId: string, at: Date): void {
    const now = at.getTime();
    this.recentlyEnded.set(callId, now);
    for (const [id, t] of this.recentlyEnded) {
      if (now - t < 120_000) break;
      this.recentlyEnded.delete(id);
    }
  }

  private end(uniqueId: string, cause: number, unknown: boolean, at: Date): CallEvent[] {
    const ch = this.channels.get(uniqueId);
    if (!ch) {
      // Not followed yet (it began while AMI was away): a listing still under way must not adopt it.
      this.remember(uniqueId, at);
      return [];
    }
    if (ch.ended) return [];
    ch.ended = true;
    this.channels.delete(uniqueId);
    this.remember(uniqueId, at);
    if (ch.trunk) this.trunkUse.set(ch.trunk, Math.max(0, this.channelsInUse(ch.trunk) - 1));
    return [endedEvent({ callId: uniqueId, server: this.server, at }, ch.answered, cause, unknown)];
  }
}

function endedEvent(
  base: { callId: string; server: string; at: Date },
  answered: boolean,
  q850: number,
  unknown: boolean,
): CallEvent {
  return { ...base, type: 'ended', cause: classifyCallEnd(answered, q850, unknown), q850, answered };
}
