import type { CallEvent } from '../call-events';
import { ChannelState, type AmiEvent } from './ami-events';

/** The endpoint of a PJSIP channel name such as PJSIP/sim-horn-1-0000001a. */
const PJSIP_CHANNEL = /^PJSIP\/(.+)-[0-9a-f]{8}$/;

interface Leg {
  callId: string;
  speaker: string;
  answered: boolean;
}

/**
 * The speakers of the pages linli placed on one server, one channel each. Page() answers its own call
 * at once and dials every speaker from it: each speaker's channel carries the page's call id as its
 * linked id, and its own answer and hang-up are the speaker's (the `call` class events Newchannel,
 * Newstate and Hangup). A speaker that answers later starts later; one that never answers ends unanswered.
 */
export class PageLegs {
  private readonly pages = new Set<string>();
  /** Speaker channels by unique id. */
  private readonly legs = new Map<string, Leg>();

  constructor(private readonly server: string) {}

  /** A page about to be placed: its speakers' channels will be reported. */
  follow(callId: string): void {
    this.pages.add(callId);
  }

  /** A page that was never placed. */
  forget(callId: string): void {
    this.pages.delete(callId);
  }

  /**
   * A channel that ended while AMI was away (a page or a speaker's): nothing more will be heard of it.
   * The page's own end settles its speakers.
   */
  forgetUnseen(uniqueId: string): void {
    this.pages.delete(uniqueId);
    this.legs.delete(uniqueId);
  }

  /** The speaker events an AMI event makes, if it is about a followed page's speaker. */
  apply(event: AmiEvent, at: Date): CallEvent[] {
    // Every AMI event of the server passes here: with no page in flight there is nothing to look up.
    if (this.pages.size === 0 && this.legs.size === 0) return [];
    if (event.kind !== 'newchannel' && event.kind !== 'newstate' && event.kind !== 'hangup') return [];
    if (event.kind === 'hangup' && this.pages.delete(event.uniqueId)) return [];
    const leg = this.legs.get(event.uniqueId) ?? this.newLeg(event.uniqueId, event.channel, event.linkedId);
    if (!leg) return [];
    const base = { callId: leg.callId, server: this.server, at, speaker: leg.speaker };
    if (event.kind === 'hangup') {
      this.legs.delete(event.uniqueId);
      return [{ ...base, type: 'speakerEnded', answered: leg.answered, q850: event.cause }];
    }
    if (event.state !== ChannelState.UP || leg.answered) return [];
    leg.answered = true;
    return [{ ...base, type: 'speakerAnswered' }];
  }

  private newLeg(uniqueId: string, channel: string, linkedId: string | undefined): Leg | undefined {
    if (linkedId === undefined || linkedId === uniqueId || !this.pages.has(linkedId)) return undefined;
    const speaker = PJSIP_CHANNEL.exec(channel)?.[1];
    if (speaker === undefined) return undefined;
    const leg = { callId: linkedId, speaker, answered: false };
    this.legs.set(uniqueId, leg);
    return leg;
  }
}
