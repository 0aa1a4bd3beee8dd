import type { CallRecorder } from '../../calls/call-recorder';
import type { TrunkConfig } from '../../config/telephony-config';
import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { PromptFiles } from '../../speech/prompt-files';
import type { CallControl } from '../../telephony/call-control';
import type { TrunkBudget } from '../../telephony/trunk-budget';
import { NotDialled } from '../../telephony/errors/not-dialled';
import { escalationTrunk, type EscalationAction, type EscalationEvent } from '../domain';
import type { CallOwnership } from './call-ownership';
import { contactNotify, locationNotify } from './contact-call-request';
import { capabilityEntry, type IncidentRecord, type StoredTimelineEntry } from './incident-record';
import type { IncidentScheduler } from './incident-scheduler';
import { IncidentPrompts } from './incident-prompts';

export interface EscalationActionsDeps {
  db: Db;
  calls: CallControl;
  /** An SOS call never waits for a channel: it takes a reserved one or ends a campaign call. */
  budget: TrunkBudget;
  ownership: CallOwnership;
  recorder: CallRecorder;
  prompts: Pick<PromptFiles, 'ready'>;
  scheduler: IncidentScheduler;
  /** The SOS trunk; contacts are called on another one of `trunks` when the elder's call is elsewhere. */
  trunk: TrunkConfig;
  trunks: readonly TrunkConfig[];
  /** Caller id contacts see: the SOS number, so they know what the call is before answering. */
  callerId: string | undefined;
  /** First look at a contact call after its ring timeout; long enough for the message, two plays and the hold. */
  callCheckAfterRingMs: number;
  logger: Logger;
}

export interface ActionsOutcome {
  timeline: StoredTimelineEntry[];
  /** Events to feed back into the escalation (a call that could not be placed has failed). */
  followups: EscalationEvent[];
}

type CallAction = Extract<EscalationAction, { kind: 'call' }>;

/** A contact call the engine could not place is placed again for about ten minutes before it counts as failed. */
const MAX_REDIALS = 120;

function redialDelayMs(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 5000);
}

/** Carries out what the escalation decided, through the telephony port and the queue. */
export class EscalationActions {
  constructor(private readonly deps: EscalationActionsDeps) {}

  /** `redialAttempt`: how often the calls among the actions were already refused by the engine. */
  async execute(
    record: IncidentRecord,
    actions: readonly EscalationAction[],
    now: number,
    redialAttempt = 0,
  ): Promise<ActionsOutcome> {
    const outcome: ActionsOutcome = { timeline: [], followups: [] };
    const prompts = new IncidentPrompts(record, now, this.deps);
    const calls = actions.filter((a): a is CallAction => a.kind === 'call');
    await Promise.all(calls.map((action) => this.placeCall(record, action, prompts, outcome, redialAttempt)));
    for (const action of actions) {
      switch (action.kind) {
        case 'call':
          break;
        case 'stop_calls':
          await Promise.all(action.callIds.map((callId) => this.hangup(callId)));
          break;
        case 'bridge':
          await this.bridge(record, action.callId, action.contact.id, prompts, outcome, now);
          break;
        case 'tell_location':
          await this.tellLocation(record, action.callId, action.contact.id, prompts, outcome, now);
          break;
        case 'wake_at':
          await this.deps.scheduler.wakeAt(record.id, action.at, now);
          break;
        case 'exhausted':
          this.deps.logger.error(
            { incidentId: record.id, elderId: record.elderId },
            'SOS: nobody accepted in any round; the incident stays open for the dispatcher',
          );
          outcome.timeline.push(
            capabilityEntry(now, 'dispatcher_needed', 'nobody accepted; listed as open for the dispatcher'),
          );
          break;
      }
    }
    return outcome;
  }

  private async placeCall(
    record: IncidentRecord,
    action: CallAction,
    prompts: IncidentPrompts,
    outcome: ActionsOutcome,
    redialAttempt: number,
  ) {
    const { calls, ownership, recorder, db, logger } = this.deps;
    const { callId } = action;
    const trunk = this.trunkFor(record);
    // The location is rendered now too: a responder who accepts after the elder hung up is told it at once.
    const [message] = await Promise.all([prompts.message(action.elderOnLine), prompts.location()]);
    ownership.own(callId, { incidentId: record.id, role: 'contact' });
    try {
      // A redial places the same call again: its row is there already.
      await db.call.upsert({
        where: { id: callId },
        create: {
          id: callId,
          direction: 'OUTBOUND',
          server: trunk.server,
          trunk: trunk.name,
          destination: action.number,
          callerId: this.deps.callerId,
          purpose: 'sos',
          originatedAt: new Date(),
        },
        update: { originatedAt: new Date(), server: trunk.server, trunk: trunk.name },
      });
      recorder.own(callId);
      await this.deps.budget.take(trunk.name, 'sos', callId);
      await calls.notify(
        contactNotify(
          {
            callId,
            trunk: trunk.name,
            destination: action.number,
            callerId: this.deps.callerId,
            ringTimeoutMs: action.ringTimeoutMs,
          },
          message,
        ),
      );
      await this.deps.scheduler.checkCall(
        record.id,
        callId,
        action.ringTimeoutMs + this.deps.callCheckAfterRingMs,
      );
    } catch (error) {
      await this.deps.budget.release(callId, error);
      ownership.release(callId);
      recorder.disown(callId);
      if (error instanceof NotDialled && redialAttempt < MAX_REDIALS) {
        // Nothing rang (Asterisk restarting, trunk congested): the same contact is called again shortly.
        const afterMs = redialDelayMs(redialAttempt);
        logger.warn(
          { incidentId: record.id, callId, err: error.message, afterMs },
          'SOS call not placed; calling again',
        );
        if (redialAttempt === 0) {
          outcome.timeline.push(
            capabilityEntry(
              Date.now(),
              'call_waiting',
              `${error.message}; calling again until it goes through`,
              {
                contactId: action.contact.id,
                callId,
              },
            ),
          );
        }
        await this.deps.scheduler.redial(record.id, callId, redialAttempt + 1, afterMs);
        return;
      }
      logger.error(
        { incidentId: record.id, callId, err: (error as Error).message },
        'SOS call could not be placed',
      );
      outcome.timeline.push(
        capabilityEntry(Date.now(), 'call_failed', (error as Error).message, {
          contactId: action.contact.id,
          callId,
        }),
      );
      outcome.followups.push({ kind: 'failed', callId });
    }
  }

  /** The trunk the incident's next call goes out on: where the elder's call is, so the two can be bridged. */
  private trunkFor(record: IncidentRecord): TrunkConfig {
    const { calls, trunk, trunks } = this.deps;
    const connected = new Set(calls.status().flatMap((s) => (s.connected ? [s.server] : [])));
    const elderOnLine = record.elderCallId !== null && calls.isLive(record.elderCallId);
    return escalationTrunk({
      trunks,
      preferred: trunk,
      elderServer: elderOnLine ? record.state.elderServer : null,
      connected: (server) => connected.has(server),
    });
  }

  private async hangup(callId: string): Promise<void> {
    if (!this.deps.calls.isLive(callId)) return;
    await this.deps.calls
      .hangup(callId)
      .catch((error: Error) =>
        this.deps.logger.warn({ callId, err: error.message }, 'could not hang up an SOS call'),
      );
  }

  private async bridge(
    record: IncidentRecord,
    callId: string,
    contactId: string,
    prompts: IncidentPrompts,
    outcome: ActionsOutcome,
    now: number,
  ): Promise<void> {
    const elderCallId = record.elderCallId;
    try {
      if (!elderCallId || !this.deps.calls.isLive(elderCallId)) throw new Error("the elder's call has ended");
      await this.deps.calls.bridge(callId, elderCallId);
    } catch (error) {
      outcome.timeline.push(
        capabilityEntry(
          now,
          'bridge_failed',
          `${(error as Error).message}; telling the responder the location`,
          {
            contactId,
            callId,
          },
        ),
      );
      await this.tellLocation(record, callId, contactId, prompts, outcome, now);
    }
  }

  /** Plays the location to the held responder; when their call has ended meanwhile, calls them back with it. */
  private async tellLocation(
    record: IncidentRecord,
    callId: string,
    contactId: string,
    prompts: IncidentPrompts,
    outcome: ActionsOutcome,
    now: number,
  ): Promise<void> {
    const { calls, logger } = this.deps;
    if (calls.isLive(callId)) {
      try {
        await calls.tell(callId, { prompt: await prompts.location() });
        outcome.timeline.push(
          capabilityEntry(now, 'location_played', 'played the location on the held call', {
            contactId,
            callId,
          }),
        );
        return;
      } catch (error) {
        logger.warn(
          { callId, err: (error as Error).message },
          'could not redirect the responder; calling back',
        );
      }
    }
    const number = record.state.escalation.calls.find((c) => c.callId === callId)?.number;
    await this.hangup(callId);
    if (!number) return;
    const messageCallId = `${callId}-location`;
    this.deps.ownership.own(messageCallId, { incidentId: record.id, role: 'message' });
    const trunk = this.trunkFor(record);
    try {
      await this.deps.budget.take(trunk.name, 'sos', messageCallId);
      await calls.notify(
        locationNotify(
          {
            callId: messageCallId,
            trunk: trunk.name,
            destination: number,
            callerId: this.deps.callerId,
            ringTimeoutMs: record.state.escalation.settings.ringTimeoutMs,
          },
          await prompts.location(),
        ),
      );
      outcome.timeline.push(
        capabilityEntry(now, 'location_callback', 'called back with the location', {
          contactId,
          callId: messageCallId,
        }),
      );
    } catch (error) {
      await this.deps.budget.release(messageCallId, error);
      this.deps.ownership.release(messageCallId);
      outcome.timeline.push(
        capabilityEntry(now, 'call_failed', `location call-back: ${(error as Error).message}`, {
          contactId,
          callId: messageCallId,
        }),
      );
    }
  }
}
