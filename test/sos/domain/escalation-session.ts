import {
  reduceEscalation,
  startEscalation,
  type EscalationAction,
  type EscalationEvent,
  type EscalationSettings,
  type EscalationState,
  type SosContact,
  type TimelineEntry,
} from '../../../src/sos/domain';

export const T0 = Date.parse('2024-05-06T07:20:00Z');

export const family = (id: string, ...phones: string[]): SosContact => ({
  id,
  name: id,
  role: 'family',
  phones,
});
export const gridWorker = (id: string, ...phones: string[]): SosContact => ({
  id,
  name: id,
  role: 'grid_worker',
  phones,
});
export const cadre = (id: string, ...phones: string[]): SosContact => ({
  id,
  name: id,
  role: 'cadre',
  phones,
});

type CallEventKind = Extract<EscalationEvent, { callId: string }>['kind'];

/** Drives the reducer like the orchestrator would, with a hand-moved clock. */
export class EscalationSession {
  state: EscalationState;
  /** Actions of the latest step only. */
  actions: EscalationAction[];
  readonly timeline: TimelineEntry[] = [];
  now = T0;

  constructor(
    contacts: readonly SosContact[],
    settings: Partial<EscalationSettings> = {},
    elderOnLine = true,
  ) {
    const step = startEscalation(
      {
        incidentId: 'inc',
        contacts,
        settings: {
          mode: 'sequential',
          rounds: 2,
          ringTimeoutMs: 30_000,
          pauseBetweenRoundsMs: 0,
          ...settings,
        },
        elderOnLine,
      },
      this.now,
    );
    this.state = step.state;
    this.actions = step.actions;
    this.timeline.push(...step.timeline);
  }

  send(event: EscalationEvent): this {
    const step = reduceEscalation(this.state, event, this.now);
    this.state = step.state;
    this.actions = step.actions;
    this.timeline.push(...step.timeline);
    return this;
  }

  /** An event on the call currently ringing the contact. */
  leg(contactId: string, kind: Exclude<CallEventKind, 'pressed'>): this {
    return this.send({ kind, callId: this.callIdOf(contactId) });
  }

  press(contactId: string, digit: string): this {
    return this.send({ kind: 'pressed', callId: this.callIdOf(contactId), digit });
  }

  wait(ms: number): this {
    this.now += ms;
    return this;
  }

  callIdOf(contactId: string): string {
    const call = this.state.calls.find((c) => c.contactId === contactId);
    if (!call) throw new Error(`no call in progress to ${contactId}`);
    return call.callId;
  }

  /** "contact:number" for every call the latest step placed. */
  placed(): string[] {
    return this.actions.flatMap((a) => (a.kind === 'call' ? [`${a.contact.id}:${a.number}`] : []));
  }

  actionKinds(): string[] {
    return this.actions.map((a) => a.kind);
  }

  ringing(): string[] {
    return this.state.calls.map((c) => `${c.contactId}:${c.number}`);
  }
}
