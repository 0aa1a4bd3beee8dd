import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { InboundCall } from '../../telephony/call-events';
import type { CallControl } from '../../telephony/call-control';
import type { CardDirectory, KnownCard } from '../cards/card-directory';
import type { SosAlarm } from '../cards/card-message-handler';
import { matchIncident, startEscalation, type KnownIncident, type SosSource } from '../domain';
import type { ElderLocator } from '../location/elder-locator';
import { normaliseCallerNumber } from '../registry/card-sim-number';
import { loadEscalationFacts } from '../registry/escalation-facts';
import type { CallOwnership } from './call-ownership';
import type { EscalationRunner } from './escalation-runner';
import { capabilityEntry, storedEntry, type IncidentRecord } from './incident-record';
import { appendTimeline, incidentsForMatching } from './incident-store';
import { claimOnce, withRedisLock } from './redis-lock';
import { recordUnknownCaller } from './unknown-callers';

export interface SosTriggersDeps {
  db: Db;
  redis: Redis;
  keyPrefix: string;
  calls: CallControl;
  cards: CardDirectory;
  locator: ElderLocator;
  ownership: CallOwnership;
  runner: EscalationRunner;
  now: () => number;
  /** How long after one half of an SOS press the other half still belongs to the same incident. */
  samePressWindowMs: number;
  logger: Logger;
  /** Told of an SOS call from a number no card has, after it is logged (the hotline opens an urgent case). */
  onUnknownCaller?: (call: InboundCall) => Promise<void>;
}

interface Trigger {
  source: SosSource;
  card: KnownCard;
  /** The elder's SOS call, when the trigger is one, and the server carrying it. */
  elderCallId?: string;
  elderServer?: string;
  detail: string;
}

/** An inbound SOS call stays claimed this long: far longer than any call lasts. */
const CLAIM_TTL_SECONDS = 24 * 3600;
const TRIGGER_ATTEMPTS = 4;
const RETRY_DELAY_MS = 500;

/**
 * Turns SOS calls and alarm frames into incidents. Every process hears every inbound call, so
 * one claims it in Redis; the card's lock then makes "is there an incident already?" and "open
 * one" a single step, so a call and a frame of the same press open one incident between them.
 */
export class SosTriggers {
  constructor(private readonly deps: SosTriggersDeps) {}

  async onInboundCall(call: InboundCall): Promise<void> {
    const { redis, keyPrefix } = this.deps;
    if (call.service !== 'sos') return;
    if (!(await claimOnce(redis, `${keyPrefix}:sos-claim:inbound:${call.callId}`, CLAIM_TTL_SECONDS))) return;
    // This process alone claimed the call, and nobody resends it: a passing database or Redis
    // failure must not leave the elder on hold with nobody called.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.takeCall(call);
      } catch (error) {
        if (attempt >= TRIGGER_ATTEMPTS) throw error;
        this.deps.logger.warn(
          { callId: call.callId, attempt, err: (error as Error).message },
          'SOS call: retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      }
    }
  }

  async onAlarm(alarm: SosAlarm): Promise<void> {
    const detail = alarm.unreadable
      ? `alarm frame from card ${alarm.imei} that could not be fully read; treated as SOS`
      : alarm.cause === 'fall'
        ? `fall detected by card ${alarm.imei}`
        : `alarm frame with the SOS bit from card ${alarm.imei}`;
    await this.trigger({ source: 'alarm_frame', card: alarm.card, detail });
  }

  private async takeCall(call: InboundCall): Promise<void> {
    const caller = normaliseCallerNumber(call.caller);
    const card = caller === null ? null : await this.deps.cards.bySimNumber(caller);
    if (!card) {
      await recordUnknownCaller(this.deps, call, caller);
      // Logged for the dispatcher already: a failure here must not log the call twice by a retry.
      await this.deps
        .onUnknownCaller?.(call)
        .catch((error: Error) =>
          this.deps.logger.error(
            { callId: call.callId, err: error.message },
            'unknown SOS caller: no urgent case opened',
          ),
        );
      return;
    }
    await this.trigger({
      source: 'sos_call',
      card,
      elderCallId: call.callId,
      elderServer: call.server,
      detail: `SOS call from ${caller}`,
    });
  }

  private async trigger(trigger: Trigger): Promise<void> {
    const { redis, keyPrefix } = this.deps;
    await withRedisLock(redis, `${keyPrefix}:sos-lock:card:${trigger.card.id}`, async () => {
      const now = this.deps.now();
      const window = this.deps.samePressWindowMs;
      const incidents = await incidentsForMatching(
        this.deps.db,
        trigger.card.elderId,
        new Date(now - window),
      );
      const match = matchIncident(
        { source: trigger.source, cardId: trigger.card.id },
        incidents.map(knownIncident),
        now,
        window,
      );
      if (match.decision === 'open') await this.open(trigger, now);
      else if (match.decision === 'join') await this.join(match.incidentId, trigger, now);
      else await this.duplicate(match.incidentId, trigger, now);
    });
  }

  private async open(trigger: Trigger, now: number): Promise<void> {
    const { db, locator, calls, ownership, runner } = this.deps;
    const [facts, where] = await Promise.all([
      loadEscalationFacts(db, trigger.card.elderId, this.deps.logger),
      locator.locate({ id: trigger.card.elderId, villageId: trigger.card.villageId }, now),
    ]);
    if (!facts) {
      this.deps.logger.error(
        { cardId: trigger.card.id },
        'SOS from a card whose elder is gone; nobody can be called',
      );
      return;
    }
    const incidentId = randomUUID();
    const { elderCallId } = trigger;
    // Owned before the line is checked, so a hang-up right now is either seen as live here or fed later.
    if (elderCallId) ownership.own(elderCallId, { incidentId, role: 'elder' });
    const elderOnLine = elderCallId !== undefined && calls.isLive(elderCallId);
    const step = startEscalation(
      { incidentId, contacts: facts.contacts, settings: facts.settings.escalation, elderOnLine },
      now,
    );
    const record: IncidentRecord = {
      id: incidentId,
      elderId: facts.elderId,
      status: step.state.status,
      trigger: trigger.source,
      elderCallId: elderCallId ?? null,
      openedAt: new Date(now),
      resolvedAt: null,
      resolvedBy: null,
      state: {
        escalation: step.state,
        cardId: trigger.card.id,
        elderName: facts.name,
        pressedAt: now,
        locationWords: where.words,
        sources: [trigger.source],
        lastTriggerAt: now,
        placedAt: Object.fromEntries(
          step.actions.flatMap((a) => (a.kind === 'call' ? [[a.callId, now]] : [])),
        ),
        elderServer: elderCallId ? (trigger.elderServer ?? null) : null,
      },
    };
    const located = where.words === null ? 'location unknown' : `at ${where.words}`;
    const timeline = [
      capabilityEntry(
        now,
        trigger.source,
        `${trigger.detail}; ${located}`,
        elderCallId ? { callId: elderCallId } : {},
      ),
      ...step.timeline.map(storedEntry),
    ];
    this.deps.logger.info(
      { incidentId, elderId: facts.elderId, trigger: trigger.source },
      'SOS incident opened',
    );
    await runner.open({ record, timeline, actions: step.actions });
  }

  private async join(incidentId: string, trigger: Trigger, now: number): Promise<void> {
    const { elderCallId } = trigger;
    if (elderCallId) this.deps.ownership.own(elderCallId, { incidentId, role: 'elder' });
    const viaCall = elderCallId !== undefined && this.deps.calls.isLive(elderCallId);
    await this.deps.runner.feed(
      incidentId,
      { kind: 'sos_repeated', viaCall },
      {
        ...(viaCall ? { elderCallId, elderServer: trigger.elderServer ?? null } : {}),
        trigger: { source: trigger.source, at: now },
        timeline: [
          capabilityEntry(now, trigger.source, trigger.detail, elderCallId ? { callId: elderCallId } : {}),
        ],
      },
    );
  }

  /**
   * The late other half of a press whose incident was already resolved. Nobody will be connected to
   * a call now, so it is ended rather than left on the hold prompt.
   */
  private async duplicate(incidentId: string, trigger: Trigger, now: number): Promise<void> {
    const { elderCallId } = trigger;
    const hangUp = elderCallId !== undefined && this.deps.calls.isLive(elderCallId);
    if (hangUp) await this.deps.calls.hangup(elderCallId).catch(() => undefined);
    await appendTimeline(this.deps.db, incidentId, [
      capabilityEntry(
        now,
        'duplicate_trigger',
        `${trigger.detail}; the incident was already resolved${hangUp ? ", the elder's call was ended" : ''}`,
        elderCallId ? { callId: elderCallId } : {},
      ),
    ]);
  }
}

function knownIncident(record: IncidentRecord): KnownIncident {
  return {
    id: record.id,
    cardId: record.state.cardId ?? '',
    resolved: record.status === 'resolved',
    lastTriggerAt: record.state.lastTriggerAt,
    sources: record.state.sources,
  };
}
