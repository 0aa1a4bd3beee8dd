import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { audit } from '../../audit/audit-log';
import { requestCall, type PlaceCallData } from '../../calls/place-call';
import type { TrunkConfig } from '../../config/telephony-config';
import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { InactivityFollowup, SosQueue } from '../sos-jobs';

export interface InactivityCallsDeps {
  db: Db;
  /** Message calls are placed by the calls capability's worker, which records their outcome. */
  callsQueue: Queue<PlaceCallData>;
  trunks: TrunkConfig[];
  trunk: string;
  callerId: string | undefined;
  sosQueue: SosQueue;
  ringTimeoutMs: number;
  /** When to first look at what came of a call, and how often after that while it lasts. */
  firstCheckMs: number;
  recheckMs: number;
  logger: Logger;
}

/** A call whose end is still not recorded after this long is given up on and the next person called. */
const GIVE_UP_AFTER_MS = 10 * 60_000;

/**
 * Calls the people an inactivity alert names, one number at a time, until someone presses 1 ("I
 * will go"). Each call is a message call of the calls capability; a queued follow-up reads its
 * outcome from the Call row, so any worker can carry the alert on.
 */
export function inactivityCalls(deps: InactivityCallsDeps) {
  async function call(job: Omit<InactivityFollowup, 'callId'>): Promise<void> {
    const target = job.targets[job.index];
    if (!target) return;
    const callId = randomUUID();
    await requestCall(
      deps.db,
      deps.callsQueue,
      deps.trunks,
      {
        callId,
        trunk: deps.trunk,
        destination: target.number,
        callerId: deps.callerId,
        text: job.message,
        digits: '12',
        ringTimeoutMs: deps.ringTimeoutMs,
      },
      'sos-inactivity',
    );
    await deps.sosQueue.add('inactivity-followup', { ...job, callId }, { delay: deps.firstCheckMs });
  }

  return {
    start: (first: Omit<InactivityFollowup, 'type' | 'callId' | 'index'>) =>
      call({ ...first, type: 'inactivity-followup', index: 0 }),

    async followUp(job: InactivityFollowup): Promise<void> {
      const placed = await deps.db.call.findUnique({
        where: { id: job.callId },
        select: { createdAt: true, endedAt: true, digits: true, outcome: true },
      });
      const stale = placed !== null && Date.now() - placed.createdAt.getTime() > GIVE_UP_AFTER_MS;
      if (placed && !placed.endedAt && !stale) {
        await deps.sosQueue.add('inactivity-followup', job, { delay: deps.recheckMs });
        return;
      }
      const target = job.targets[job.index];
      if (placed?.digits.includes('1')) {
        await audit(deps.db, {
          actor: 'sos',
          action: 'sos.inactivity_accepted',
          subject: `elder:${job.elderId}`,
          details: { alertId: job.alertId, contactId: target?.contactId ?? null, callId: job.callId },
        });
        return;
      }
      if (job.index + 1 < job.targets.length) {
        await call({ ...job, index: job.index + 1 });
        return;
      }
      deps.logger.error(
        { elderId: job.elderId, alertId: job.alertId },
        'inactivity alert: nobody will go; tell the dispatcher',
      );
      await audit(deps.db, {
        actor: 'sos',
        action: 'sos.inactivity_unanswered',
        subject: `elder:${job.elderId}`,
        details: { alertId: job.alertId, lastOutcome: placed?.outcome ?? 'unknown' },
      });
    },
  };
}
