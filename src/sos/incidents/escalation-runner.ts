import type { Redis } from 'ioredis';
import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import { reduceEscalation, type EscalationAction, type EscalationEvent, type SosSource } from '../domain';
import type { EscalationActions } from './escalation-actions';
import { storedEntry, type IncidentRecord, type StoredTimelineEntry } from './incident-record';
import { appendTimeline, createIncident, loadIncident, saveIncident } from './incident-store';
import { withRedisLock } from './redis-lock';

/** What changes about the incident along with an event. */
export interface IncidentChange {
  /** The elder called again: bridge responders to this call (on this server) from now on. */
  elderCallId?: string;
  elderServer?: string | null;
  trigger?: { source: SosSource; at: number };
  /** For elder_hung_up: the call that ended, which must still be the incident's elder call. */
  endedElderCallId?: string;
  /** Entries to record with the step, before the reducer's own. */
  timeline?: StoredTimelineEntry[];
}

export interface NewIncident {
  record: IncidentRecord;
  timeline: StoredTimelineEntry[];
  actions: EscalationAction[];
}

export interface EscalationRunnerDeps {
  db: Db;
  redis: Redis;
  /** Redis key prefix shared by every process of one linli installation. */
  keyPrefix: string;
  actions: EscalationActions;
  now: () => number;
  logger: Logger;
}

/**
 * Moves incidents along: each step takes the incident's Redis lock, reads the state, reduces one
 * event, writes state and timeline, then acts. Any process can take the next step, because
 * everything the next step needs is in the database; within one process, steps of one incident
 * run in the order their events arrived.
 */
export class EscalationRunner {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: EscalationRunnerDeps) {}

  open(incident: NewIncident): Promise<void> {
    const { record, timeline, actions } = incident;
    return this.inOrder(record.id, () =>
      this.locked(record.id, async () => {
        await createIncident(this.deps.db, record, timeline);
        return this.act(record, actions, this.deps.now());
      }),
    );
  }

  feed(incidentId: string, event: EscalationEvent, change: IncidentChange = {}): Promise<void> {
    return this.inOrder(incidentId, () =>
      this.locked(incidentId, () => this.step(incidentId, event, change)),
    );
  }

  /**
   * Places again a contact call the engine did not place (engine down, trunk congested), if the
   * escalation still waits for it: the elder's SOS is not lost to an Asterisk restart.
   */
  redial(incidentId: string, callId: string, attempt: number): Promise<void> {
    return this.inOrder(incidentId, () =>
      this.locked(incidentId, async () => {
        const record = await loadIncident(this.deps.db, incidentId);
        if (!record || record.status === 'resolved') return [];
        const escalation = record.state.escalation;
        const leg = escalation.calls.find((c) => c.callId === callId && c.phase === 'dialling');
        const contact = escalation.tiers.flat().find((c) => c.id === leg?.contactId);
        if (!leg || !contact) return [];
        const action: EscalationAction = {
          kind: 'call',
          callId,
          contact,
          number: leg.number,
          ringTimeoutMs: escalation.settings.ringTimeoutMs,
          elderOnLine: escalation.elderOnLine,
        };
        return this.act(record, [action], this.deps.now(), attempt);
      }),
    );
  }

  /** Records entries that change no state (a bridge seen), in order with the incident's steps. */
  note(incidentId: string, entries: StoredTimelineEntry[]): Promise<void> {
    return this.inOrder(incidentId, () => appendTimeline(this.deps.db, incidentId, entries));
  }

  /** Lets steps already queued in this process finish (shutdown, tests). */
  async settle(): Promise<void> {
    while (this.chains.size > 0) await Promise.allSettled([...this.chains.values()]);
  }

  private async step(
    incidentId: string,
    event: EscalationEvent,
    change: IncidentChange,
  ): Promise<EscalationEvent[]> {
    const record = await loadIncident(this.deps.db, incidentId);
    if (!record) {
      this.deps.logger.warn(
        { incidentId, event: event.kind },
        'event for an SOS incident that does not exist',
      );
      return [];
    }
    if (change.endedElderCallId !== undefined && change.endedElderCallId !== record.elderCallId) return [];
    const now = this.deps.now();
    if (change.elderCallId !== undefined) {
      record.elderCallId = change.elderCallId;
      record.state.elderServer = change.elderServer ?? null;
    }
    if (change.trigger) {
      const { source, at } = change.trigger;
      if (!record.state.sources.includes(source)) record.state.sources.push(source);
      record.state.lastTriggerAt = Math.max(record.state.lastTriggerAt, at);
    }
    const step = reduceEscalation(record.state.escalation, event, now);
    const timeline = [...(change.timeline ?? []), ...step.timeline.map(storedEntry)];
    if (
      timeline.length === 0 &&
      step.actions.length === 0 &&
      change.elderCallId === undefined &&
      !change.trigger
    ) {
      return [];
    }
    record.state.escalation = step.state;
    record.status = step.state.status;
    for (const action of step.actions) if (action.kind === 'call') record.state.placedAt[action.callId] = now;
    if (event.kind === 'resolved' && record.resolvedAt === null) {
      record.resolvedAt = new Date(now);
      record.resolvedBy = event.by;
    }
    await saveIncident(this.deps.db, record, timeline);
    return this.act(record, step.actions, now);
  }

  private async act(
    record: IncidentRecord,
    actions: EscalationAction[],
    now: number,
    redialAttempt = 0,
  ): Promise<EscalationEvent[]> {
    if (actions.length === 0) return [];
    const outcome = await this.deps.actions.execute(record, actions, now, redialAttempt);
    await appendTimeline(this.deps.db, record.id, outcome.timeline);
    return outcome.followups;
  }

  private async locked(incidentId: string, fn: () => Promise<EscalationEvent[]>): Promise<void> {
    const followups = await withRedisLock(
      this.deps.redis,
      `${this.deps.keyPrefix}:sos-lock:incident:${incidentId}`,
      fn,
    );
    // Queued behind this step, never awaited inside it: the step holds the chain.
    for (const event of followups) {
      void this.feed(incidentId, event).catch((error: Error) =>
        this.deps.logger.error(
          { incidentId, event: event.kind, err: error.message },
          'SOS follow-up step failed',
        ),
      );
    }
  }

  private inOrder(incidentId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(incidentId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(task);
    this.chains.set(incidentId, run);
    void run
      .catch(() => undefined)
      .finally(() => {
        if (this.chains.get(incidentId) === run) this.chains.delete(incidentId);
      });
    return run;
  }
}
