import type { SosContact } from './contacts';
import { planEscalation } from './escalation-plan';
import type {
  CallLeg,
  ContactTurn,
  EscalationAction,
  EscalationEvent,
  EscalationSettings,
  EscalationState,
  EscalationStep,
  TimelineEntry,
  TimelineKind,
} from './escalation-types';

export interface EscalationStart {
  incidentId: string;
  contacts: readonly SosContact[];
  settings: EscalationSettings;
  /** False when an alarm frame opened the incident and the elder is not on a call. */
  elderOnLine: boolean;
}

/**
 * Opens the escalation: plans the tiers and dials the first one. Call ids are
 * `<incidentId>-<n>`, so they are stable and unique within the incident.
 */
export function startEscalation(start: EscalationStart, now: number): EscalationStep {
  const rounds = Number.isFinite(start.settings.rounds) ? Math.max(1, Math.floor(start.settings.rounds)) : 1;
  const settings = { ...start.settings, rounds };
  const tiers = planEscalation(start.contacts, settings.mode);
  const draft = new Draft(
    {
      incidentId: start.incidentId,
      settings,
      tiers,
      status: 'escalating',
      elderOnLine: start.elderOnLine,
      round: 1,
      tierIndex: 0,
      turns: [],
      calls: [],
      callsPlaced: 0,
      wakeAt: null,
      responder: null,
    },
    now,
  );
  draft.note('escalation_started', null, `${settings.mode}, ${tiers.length} tier(s), ${rounds} round(s)`);
  if (tiers.length === 0) draft.exhaust();
  else draft.startRound(1);
  return draft.result();
}

/** The escalation's next state, what to do now and what to record, for one event. */
export function reduceEscalation(
  state: EscalationState,
  event: EscalationEvent,
  now: number,
): EscalationStep {
  if (state.status === 'resolved') return unchanged(state);
  const draft = new Draft(structuredClone(state), now);
  const s = draft.state;
  switch (event.kind) {
    case 'resolved':
      draft.resolve(event.by, event.via);
      break;
    case 'elder_hung_up':
      if (!s.elderOnLine) return unchanged(state);
      s.elderOnLine = false;
      draft.note(
        'elder_hung_up',
        null,
        s.status === 'escalating'
          ? 'before anyone accepted; a responder will be told the location'
          : `while ${s.status}`,
      );
      break;
    case 'wake':
      if (s.status !== 'escalating' || s.wakeAt === null || now < s.wakeAt) return unchanged(state);
      draft.startRound(s.round + 1);
      break;
    case 'sos_repeated':
      if (event.viaCall) s.elderOnLine = true;
      draft.note('sos_repeated', null, event.viaCall ? 'the elder called again' : 'another alarm frame');
      // A new press after everyone was tried is a fresh cry for help, so the list is called again.
      if (s.status === 'exhausted') {
        s.status = 'escalating';
        draft.startRound(1);
      }
      break;
    default: {
      const leg = s.calls.find((c) => c.callId === event.callId);
      if (!leg) return unchanged(state);
      if (s.responder?.callId === leg.callId) draft.responderCallEvent(leg, event);
      else draft.contactCallEvent(leg, event);
    }
  }
  return draft.result();
}

type CallEvent = Extract<EscalationEvent, { callId: string }>;

function unchanged(state: EscalationState): EscalationStep {
  return { state, actions: [], timeline: [] };
}

/** Working copy for one step; mutating it is safe because it was cloned from the caller's state. */
class Draft {
  private readonly actions: EscalationAction[] = [];
  private readonly timeline: TimelineEntry[] = [];

  constructor(
    readonly state: EscalationState,
    private readonly now: number,
  ) {}

  result(): EscalationStep {
    return { state: this.state, actions: this.actions, timeline: this.timeline };
  }

  note(kind: TimelineKind, contactId: string | null, detail: string): void {
    this.timeline.push({ at: this.now, kind, contactId, detail });
  }

  startRound(round: number): void {
    this.state.round = round;
    this.state.wakeAt = null;
    this.note('round_started', null, `round ${round} of ${this.state.settings.rounds}`);
    this.startTier(0);
  }

  exhaust(): void {
    this.state.status = 'exhausted';
    this.state.turns = [];
    this.actions.push({ kind: 'exhausted' });
    this.note(
      'exhausted',
      null,
      `nobody accepted in ${this.state.settings.rounds} round(s); incident stays open`,
    );
  }

  resolve(by: string, via: 'dtmf' | 'api'): void {
    const s = this.state;
    // The responder may still be talking to the elder; closing the incident must not cut them off.
    const stopped = s.calls.filter((c) => c.callId !== s.responder?.callId);
    s.calls = s.calls.filter((c) => c.callId === s.responder?.callId);
    s.turns = [];
    s.wakeAt = null;
    s.status = 'resolved';
    this.actions.push({
      kind: 'stop_calls',
      callIds: stopped.map((c) => c.callId),
      except: s.responder?.contactId ?? null,
    });
    this.note('resolved', this.findContact(by) ? by : null, `by ${by} via ${via}`);
  }

  responderCallEvent(leg: CallLeg, event: CallEvent): void {
    if (event.kind === 'pressed') {
      this.note('digit_ignored', leg.contactId, `pressed ${event.digit} after accepting`);
    } else if (event.kind !== 'call_started' && event.kind !== 'answered') {
      this.state.calls = this.state.calls.filter((c) => c !== leg);
      this.note('responder_hung_up', leg.contactId, event.kind);
    }
  }

  contactCallEvent(leg: CallLeg, event: CallEvent): void {
    switch (event.kind) {
      case 'call_started':
        leg.phase = 'ringing';
        this.note('ringing', leg.contactId, leg.number);
        return;
      case 'answered':
        leg.phase = 'answered';
        this.note('answered', leg.contactId, leg.number);
        return;
      case 'pressed':
        if (event.digit === '1') this.accept(leg);
        else if (event.digit === '2') this.callEnded(leg, 'declined', 'pressed 2: cannot help', true);
        else this.note('digit_ignored', leg.contactId, `pressed ${event.digit}`);
        return;
      default:
        this.callEnded(leg, event.kind, leg.number, false);
    }
  }

  private accept(leg: CallLeg): void {
    const s = this.state;
    const contact = this.contact(leg.contactId);
    const others = s.calls.filter((c) => c !== leg);
    s.calls = [leg];
    s.turns = [];
    s.responder = { contactId: leg.contactId, callId: leg.callId };
    this.note('accepted', leg.contactId, 'pressed 1');
    if (s.elderOnLine) {
      s.status = 'connected';
      this.actions.push({ kind: 'bridge', callId: leg.callId, contact });
      this.note('bridged', leg.contactId, 'connected to the elder');
    } else {
      s.status = 'responder_en_route';
      this.actions.push({ kind: 'tell_location', callId: leg.callId, contact });
      this.note('location_told', leg.contactId, 'the elder had hung up; told where to go');
    }
    this.actions.push({ kind: 'stop_calls', callIds: others.map((c) => c.callId), except: leg.contactId });
    this.note(
      'calls_stopped',
      null,
      others.length === 0
        ? 'no other calls in progress'
        : `stopped ${others.map((c) => c.contactId).join(', ')}`,
    );
  }

  /** A declined contact is done for this round; anyone else gets their next number tried. */
  private callEnded(leg: CallLeg, kind: TimelineKind, detail: string, declined: boolean): void {
    const s = this.state;
    s.calls = s.calls.filter((c) => c !== leg);
    this.note(kind, leg.contactId, detail);
    const turn = s.turns.find((t) => t.contactId === leg.contactId);
    if (!turn) return;
    if (declined) turn.finished = true;
    else this.dialNextNumber(turn);
    if (s.turns.every((t) => t.finished)) this.tierFinished();
  }

  private startTier(index: number): void {
    const s = this.state;
    const tier = s.tiers[index] ?? [];
    s.tierIndex = index;
    s.turns = tier.map((contact) => ({ contactId: contact.id, nextNumberIndex: 0, finished: false }));
    for (const turn of s.turns) this.dialNextNumber(turn);
  }

  private tierFinished(): void {
    const s = this.state;
    if (s.tierIndex + 1 < s.tiers.length) {
      this.startTier(s.tierIndex + 1);
    } else if (s.round >= s.settings.rounds) {
      this.exhaust();
    } else if (s.settings.pauseBetweenRoundsMs > 0) {
      s.turns = [];
      s.wakeAt = this.now + s.settings.pauseBetweenRoundsMs;
      this.actions.push({ kind: 'wake_at', at: s.wakeAt });
      this.note('round_paused', null, `round ${s.round + 1} at ${new Date(s.wakeAt).toISOString()}`);
    } else {
      this.startRound(s.round + 1);
    }
  }

  private dialNextNumber(turn: ContactTurn): void {
    const s = this.state;
    const contact = this.contact(turn.contactId);
    const number = contact.phones[turn.nextNumberIndex];
    if (number === undefined) {
      turn.finished = true;
      return;
    }
    turn.nextNumberIndex += 1;
    s.callsPlaced += 1;
    const callId = `${s.incidentId}-${s.callsPlaced}`;
    s.calls.push({ callId, contactId: contact.id, number, phase: 'dialling' });
    this.actions.push({
      kind: 'call',
      callId,
      contact,
      number,
      ringTimeoutMs: s.settings.ringTimeoutMs,
      elderOnLine: s.elderOnLine,
    });
    this.note('call_placed', contact.id, number);
  }

  private findContact(id: string): SosContact | undefined {
    for (const tier of this.state.tiers) {
      const contact = tier.find((c) => c.id === id);
      if (contact) return contact;
    }
    return undefined;
  }

  private contact(id: string): SosContact {
    const contact = this.findContact(id);
    if (!contact) throw new Error(`contact ${id} is not in the escalation plan`);
    return contact;
  }
}
