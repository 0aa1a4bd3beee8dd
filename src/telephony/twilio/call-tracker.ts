import type { BusMessage } from './twilio-event-bus';

/** How long an ended call is remembered, so a late `placed` does not bring it back. */
const ENDED_MEMORY_MS = 120_000;

/**
 * This process's view of the Twilio calls up or ringing, from what the bus carries: which calls are
 * live and how many channels each trunk has in use (all processes' calls, inbound ones too).
 */
export class TwilioCallTracker {
  /** Live calls: their trunk, and since when this process counts them. */
  private readonly live = new Map<string, { trunk: string; since: number }>();
  private readonly ended = new Map<string, number>();
  private readonly settledBySync = new Set<string>();

  /** Calls Redis lists as live when this process starts (placed by processes that ran before it). */
  seed(live: Record<string, string>): void {
    for (const [callId, trunk] of Object.entries(live)) this.add(callId, trunk);
  }

  /**
   * Against Redis's list of live calls (the truth, whatever this process missed): adopts calls it never
   * heard placed, and returns those it has that ended unheard (forgotten now; their late end is dropped).
   */
  resync(live: Record<string, string>, listedAt: number): string[] {
    // A call counted here after Redis was asked may be missing from its answer only for being new.
    const lost = [...this.live.entries()]
      .filter(([callId, call]) => call.since < listedAt && !(callId in live))
      .map(([callId]) => callId);
    for (const callId of lost) {
      this.forget(callId);
      this.settledBySync.add(callId);
    }
    for (const [callId, trunk] of Object.entries(live)) {
      if (!this.ended.has(callId)) this.add(callId, trunk);
    }
    return lost;
  }

  /** Whether a bus message is news here: not the end of a call a resync already ended. */
  isNews(message: BusMessage): boolean {
    if (message.kind !== 'event' || message.event.type !== 'ended') return true;
    return !this.settledBySync.delete(message.event.callId);
  }

  apply(message: BusMessage): void {
    switch (message.kind) {
      case 'placed':
        if (!this.ended.has(message.callId)) this.add(message.callId, message.trunk);
        return;
      case 'unplaced':
        this.forget(message.callId);
        return;
      case 'inbound':
        this.add(message.call.callId, message.trunk);
        return;
      case 'event':
        if (message.event.type === 'ended') this.forget(message.event.callId);
        return;
    }
  }

  isLive(callId: string): boolean {
    return this.live.has(callId);
  }

  channelsInUse(trunk: string): number {
    let n = 0;
    for (const call of this.live.values()) if (call.trunk === trunk) n++;
    return n;
  }

  private add(callId: string, trunk: string): void {
    if (!this.live.has(callId)) this.live.set(callId, { trunk, since: Date.now() });
  }

  private forget(callId: string): void {
    this.live.delete(callId);
    const now = Date.now();
    this.ended.set(callId, now);
    for (const [id, at] of this.ended) {
      if (now - at < ENDED_MEMORY_MS) break;
      this.ended.delete(id);
    }
  }
}
