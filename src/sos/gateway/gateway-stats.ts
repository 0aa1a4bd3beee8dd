import type { FrameSkipReason } from '../card-protocol';

export interface CardGatewayStats {
  /** Cards connected and identified right now. */
  connections: number;
  connectionsAccepted: number;
  /** Closed because the IMEI is not a registered card. */
  unknownDevicesRefused: number;
  /** Older connections closed because the same card connected again. */
  connectionsReplaced: number;
  idleTimeouts: number;
  framesReceived: number;
  /** Average over the last complete seconds (up to 5). */
  framesPerSecond: number;
  /** Runs of bytes the frame decoder dropped. */
  decodeErrors: number;
  decodeErrorsByReason: Partial<Record<FrameSkipReason, number>>;
  skippedBytes: number;
  /** Frames whose content failed validation (delivered to onMessage as kind "invalid"). */
  invalidMessages: number;
  /** Content fields left out because they could not be read (the rest of the frame was kept). */
  fieldsDropped: number;
  /** Frames carrying another card's id on an identified connection (dropped). */
  foreignFrames: number;
  handlerErrors: number;
  repliesSent: number;
  commandsSent: number;
  commandsAcknowledged: number;
}

type Counter = Exclude<keyof CardGatewayStats, 'connections' | 'framesPerSecond' | 'decodeErrorsByReason'>;

const WINDOW_SECONDS = 5;

/** Counters plus a per-second frame histogram for the frames/s rate. */
export class GatewayStatsRecorder {
  private readonly counters: Record<Counter, number> = {
    connectionsAccepted: 0,
    unknownDevicesRefused: 0,
    connectionsReplaced: 0,
    idleTimeouts: 0,
    framesReceived: 0,
    decodeErrors: 0,
    skippedBytes: 0,
    invalidMessages: 0,
    fieldsDropped: 0,
    foreignFrames: 0,
    handlerErrors: 0,
    repliesSent: 0,
    commandsSent: 0,
    commandsAcknowledged: 0,
  };
  private readonly errorsByReason: Partial<Record<FrameSkipReason, number>> = {};
  private readonly framesBySecond = new Map<number, number>();

  constructor(private readonly now: () => number = Date.now) {}

  increment(counter: Counter, by = 1): void {
    this.counters[counter] += by;
  }

  frameReceived(): void {
    this.counters.framesReceived++;
    const second = Math.floor(this.now() / 1000);
    this.framesBySecond.set(second, (this.framesBySecond.get(second) ?? 0) + 1);
    if (this.framesBySecond.size > WINDOW_SECONDS * 2) {
      for (const s of this.framesBySecond.keys())
        if (s < second - WINDOW_SECONDS) this.framesBySecond.delete(s);
    }
  }

  decodeError(reason: FrameSkipReason, skippedBytes: number): void {
    this.counters.decodeErrors++;
    this.counters.skippedBytes += skippedBytes;
    this.errorsByReason[reason] = (this.errorsByReason[reason] ?? 0) + 1;
  }

  snapshot(connections: number): CardGatewayStats {
    const current = Math.floor(this.now() / 1000);
    let frames = 0;
    for (let s = current - WINDOW_SECONDS; s < current; s++) frames += this.framesBySecond.get(s) ?? 0;
    return {
      ...this.counters,
      connections,
      framesPerSecond: frames / WINDOW_SECONDS,
      decodeErrorsByReason: { ...this.errorsByReason },
    };
  }
}
