import type { AmiEvent, AmiEventStream } from './ami-events';

/** AST_STATE_DOWN: chan_pjsip creates the channels it dials in this state, and inbound ones ringing. */
const OUTBOUND_STATE = '0';

export interface TrunkChannelFigures {
  /** Outbound channels Asterisk created on the trunk. */
  started: number;
  /** Channels created while `cap` or more were already up: each one is a call over the carrier's limit. */
  overLimitStarts: number;
  /** Most channels up at once. */
  peak: number;
  /** Sum over channels of Newchannel → Hangup, as this listener received the events. */
  channelSeconds: number;
}

/**
 * Asterisk's own count of a trunk's outbound channels, kept from its Newchannel and Hangup events (in
 * Asterisk's order, so a channel that ended before another started is never counted with it). Calls that
 * arrive on the trunk (other people's inbound tests share its endpoint) are born ringing, not down, and
 * are left out: only what Asterisk dials counts against the carrier's channels here.
 */
export class TrunkChannelWatch {
  private readonly up = new Map<string, number>();
  private figures: TrunkChannelFigures = { started: 0, overLimitStarts: 0, peak: 0, channelSeconds: 0 };

  constructor(
    events: AmiEventStream,
    private readonly trunk: string,
    private readonly cap: number,
  ) {
    events.onEvent((event, at) => this.onEvent(event, at));
  }

  /** Channels of the trunk up now. */
  get live(): number {
    return this.up.size;
  }

  /** The figures since the last reset; channels up at the reset keep counting as up. */
  reset(): void {
    this.figures = { started: 0, overLimitStarts: 0, peak: this.up.size, channelSeconds: 0 };
  }

  read(): TrunkChannelFigures {
    return { ...this.figures };
  }

  private onEvent(event: AmiEvent, at: number): void {
    const id = event.Uniqueid;
    if (!id || !event.Channel?.startsWith(`PJSIP/${this.trunk}-`)) return;
    if (event.Event === 'Newchannel' && event.ChannelState === OUTBOUND_STATE) {
      if (this.up.size >= this.cap) this.figures.overLimitStarts += 1;
      this.up.set(id, at);
      this.figures.started += 1;
      this.figures.peak = Math.max(this.figures.peak, this.up.size);
    } else if (event.Event === 'Hangup') {
      const since = this.up.get(id);
      if (since === undefined) return;
      this.up.delete(id);
      this.figures.channelSeconds += (at - since) / 1000;
    }
  }
}
