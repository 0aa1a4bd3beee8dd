import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { CallEvent } from '../../telephony/call-events';
import type { CallControl, Unsubscribe } from '../../telephony/call-control';
import { Q850 } from '../../telephony/q850';
import { isCampaignCallId } from './campaign-job';
import { AMD_COLUMN, MESSAGE_LEFT_AMD } from './attempt-facts';

export interface CallEnd {
  /** linli lost sight of the call and its end is not known (the row gets LOST_CALL_CAUSE). */
  unknown: boolean;
}

interface Journalled {
  chain: Promise<void>;
  waiters: ((end: CallEnd) => void)[];
}

/**
 * The cause of a call linli lost sight of (its server died, or stayed out of reach, with the call on it):
 * Q.850 38, network out of order. The failure is the infrastructure's, so the household is called again
 * uncharged, answered or not (see classifyAttempt).
 */
const LOST_CALL_CAUSE = Q850.NETWORK_OUT_OF_ORDER;

/** How long an ended call is remembered, for a watcher that arrives just after its hangup. */
const ENDED_MEMORY_MS = 60_000;

/**
 * Writes what happens on every campaign call this process hears about into its CampaignAttempt row as it
 * happens (answer, key pressed, machine detection, hangup cause), whoever placed the call. So a worker
 * killed mid-call loses nothing it had heard, and a restarted worker records the end of calls it adopted.
 */
export class AttemptJournal {
  private readonly calls = new Map<string, Journalled>();
  private readonly ended = new Map<string, { end: CallEnd; at: number }>();
  private unsubscribe: Unsubscribe | undefined;

  constructor(
    private readonly db: Db,
    private readonly callControl: CallControl,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.unsubscribe ??= this.callControl.onCallEvent((event) => this.onEvent(event));
  }

  /** Resolves once the call's end is written to its row. Register before originating. */
  waitForEnd(callId: string): { promise: Promise<CallEnd>; cancel(): void } {
    const done = this.ended.get(callId);
    if (done) return { promise: Promise.resolve(done.end), cancel: () => undefined };
    const entry = this.entry(callId);
    let waiter: ((end: CallEnd) => void) | undefined;
    const promise = new Promise<CallEnd>((resolve) => {
      waiter = resolve;
      entry.waiters.push(resolve);
    });
    return {
      promise,
      cancel: () => {
        entry.waiters = entry.waiters.filter((w) => w !== waiter);
      },
    };
  }

  /**
   * Stops listening and resolves once the writes already under way have settled: the process closes its
   * database next, and a close under a write in flight loses the write, or (a Prisma transaction still
   * starting) leaves its connection checked out and the close hanging for good.
   */
  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await Promise.all([...this.calls.values()].map((entry) => entry.chain));
  }

  private entry(callId: string): Journalled {
    let entry = this.calls.get(callId);
    if (!entry) {
      entry = { chain: Promise.resolve(), waiters: [] };
      this.calls.set(callId, entry);
    }
    return entry;
  }

  private onEvent(event: CallEvent): void {
    if (!isCampaignCallId(event.callId)) return;
    const entry = this.entry(event.callId);
    entry.chain = entry.chain
      .then(() => this.write(event))
      .catch((err: Error) =>
        this.logger.error({ callId: event.callId, err: err.message }, 'could not record campaign call event'),
      )
      .then(() => {
        if (event.type === 'ended') this.finish(event.callId, entry, { unknown: event.cause === 'unknown' });
      });
  }

  private finish(callId: string, entry: Journalled, end: CallEnd): void {
    this.calls.delete(callId);
    const now = Date.now();
    this.ended.set(callId, { end, at: now });
    for (const [id, { at }] of this.ended) {
      if (now - at < ENDED_MEMORY_MS) break;
      this.ended.delete(id);
    }
    for (const resolve of entry.waiters) resolve(end);
  }

  private async write(event: CallEvent): Promise<void> {
    const open = { id: event.callId, endedAt: null };
    switch (event.type) {
      case 'answered':
        await this.db.campaignAttempt.updateMany({
          where: { ...open, answeredAt: null },
          data: { answeredAt: event.at },
        });
        return;
      case 'digit':
        if (event.digit)
          await this.db.campaignAttempt.updateMany({ where: open, data: { digit: event.digit } });
        return;
      case 'repeat':
        await this.db.campaignAttempt.updateMany({ where: open, data: { repeats: { increment: 1 } } });
        return;
      case 'machine':
        await this.db.campaignAttempt.updateMany({ where: open, data: { amd: AMD_COLUMN[event.verdict] } });
        return;
      case 'messageLeft':
        await this.db.campaignAttempt.updateMany({ where: open, data: { amd: MESSAGE_LEFT_AMD } });
        return;
      case 'ended':
        // Different columns of one row: written together, as the dialer waits for both before the next call.
        await Promise.all([
          event.answered &&
            this.db.campaignAttempt.updateMany({
              where: { ...open, answeredAt: null },
              data: { answeredAt: event.at },
            }),
          // A cause written before the hangup (preemption) is the one that counts.
          this.db.campaignAttempt.updateMany({
            where: { ...open, hangupCause: null },
            data: { hangupCause: event.cause === 'unknown' ? LOST_CALL_CAUSE : event.q850 },
          }),
        ]);
        return;
      default:
        return;
    }
  }
}
