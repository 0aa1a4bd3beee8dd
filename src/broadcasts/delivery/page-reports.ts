import { bulkSql } from '../../db/bulk-sql';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import type { CallEvent } from '../../telephony/call-events';
import { classifyCallEnd } from '../../telephony/q850';
import { markAnswered } from './report-rows';
import { settleBroadcast } from './settle-broadcast';
import type { SpeakerClaims } from './speaker-claims';

const SENT_OR_PLAYING = ['sent', 'playing'];

/** Why a paged speaker that did not answer waits: it said no (busy, declined), or it was not reached. */
export function unansweredReason(q850: number): 'refused' | 'offline' {
  const cause = classifyCallEnd(false, q850);
  return cause === 'busy' || cause === 'rejected' ? 'refused' : 'offline';
}

/**
 * Settles SIP speakers' deliveries from their page's call events: each speaker starts at its own answer
 * and finishes at its own hang-up, so a horn that answers late reports its own start and seconds; one
 * that did not answer waits for the next try, with why. Every update is conditional on the delivery's
 * state, so an event heard twice changes nothing the second time.
 */
export class PageReports {
  constructor(
    private readonly db: Db,
    private readonly claims: SpeakerClaims,
  ) {}

  /** Each page's events still being written, chained: written in the order they happened. */
  private readonly writing = new Map<string, Promise<void>>();

  callEvent(event: CallEvent): Promise<void> {
    if (!event.callId.startsWith('page-')) return Promise.resolve();
    // A horn that answers and hangs up at once must not have its end written before its answer.
    const written = (this.writing.get(event.callId) ?? Promise.resolve()).then(() => this.write(event));
    const done = written.catch(() => undefined);
    this.writing.set(event.callId, done);
    void done.then(() => {
      if (this.writing.get(event.callId) === done) this.writing.delete(event.callId);
    });
    return written;
  }

  /** Waits for the events heard so far to be written (before the database closes). */
  async drain(): Promise<void> {
    await Promise.all(this.writing.values());
  }

  private async write(event: CallEvent): Promise<void> {
    if (event.type === 'speakerAnswered') {
      await markAnswered(
        bulkSql(this.db),
        { callId: event.callId, endpoint: event.speaker, atMs: event.at.getTime() },
        Date.now(),
      );
    } else if (event.type === 'speakerEnded') {
      await this.settle(
        { callId: event.callId, speaker: { endpoint: event.speaker } },
        event.at,
        unansweredReason(event.q850),
      );
    } else if (event.type === 'ended') {
      // The page is over: a speaker the engine reported nothing of (no channel reached it) was not reached.
      await this.settle({ callId: event.callId }, event.at, 'offline');
    }
  }

  /** Played deliveries finish with their seconds; unanswered ones are pending again, with why. */
  private async settle(
    where: Prisma.BroadcastDeliveryWhereInput,
    at: Date,
    unanswered: string,
  ): Promise<void> {
    const deliveries = await this.db.broadcastDelivery.findMany({
      where: { ...where, state: { in: SENT_OR_PLAYING } },
      select: { id: true, broadcastId: true, speakerId: true, startedAt: true },
    });
    for (const d of deliveries) {
      const data = d.startedAt
        ? { state: 'finished', secondsPlayed: (at.getTime() - d.startedAt.getTime()) / 1000 }
        : { state: 'pending', callId: null, reason: unanswered };
      await this.db.broadcastDelivery.updateMany({
        where: { id: d.id, state: { in: SENT_OR_PLAYING } },
        data,
      });
      await this.claims.release(d.speakerId, d.id);
    }
    for (const broadcastId of new Set(deliveries.map((d) => d.broadcastId))) {
      await settleBroadcast(this.db, broadcastId);
    }
  }
}
