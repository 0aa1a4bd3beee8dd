import type { SosContact } from './contacts';
import type { EscalationMode, EscalationTier } from './escalation-plan';

/** All times are epoch milliseconds; the caller passes `now` so the rules never read a clock. */

export interface EscalationSettings {
  mode: EscalationMode;
  /** How many times the whole contact list is gone through before giving up; below 1 counts as 1. */
  rounds: number;
  /** How long one number rings before the telephony layer reports `timeout`. */
  ringTimeoutMs: number;
  pauseBetweenRoundsMs: number;
}

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = {
  mode: 'sequential',
  rounds: 2,
  ringTimeoutMs: 30_000,
  pauseBetweenRoundsMs: 60_000,
};

/**
 * escalating: contacts are being called (or the next round is due at `wakeAt`).
 * connected: a responder pressed 1 and was bridged to the elder's call.
 * responder_en_route: a responder pressed 1 after the elder had hung up and was told the location.
 * exhausted: every round went by without anyone pressing 1; the incident stays open for the dispatcher.
 * resolved: a responder or dispatcher closed the incident.
 */
export type IncidentStatus = 'escalating' | 'connected' | 'responder_en_route' | 'exhausted' | 'resolved';

/** A call to a contact that has not ended yet. */
export interface CallLeg {
  callId: string;
  contactId: string;
  number: string;
  phase: 'dialling' | 'ringing' | 'answered';
}

/** How far a contact of the current tier has got through their numbers in this round. */
export interface ContactTurn {
  contactId: string;
  nextNumberIndex: number;
  finished: boolean;
}

/** Plain data, so the caller can store it as JSON between events. */
export interface EscalationState {
  incidentId: string;
  settings: EscalationSettings;
  tiers: EscalationTier[];
  status: IncidentStatus;
  /** Whether the elder's own call is still up, so a responder can be bridged to it. */
  elderOnLine: boolean;
  /** 1-based. */
  round: number;
  tierIndex: number;
  turns: ContactTurn[];
  calls: CallLeg[];
  /** Sequence for call ids, so every call this incident places has its own id. */
  callsPlaced: number;
  /** When the next round is due, while pausing between rounds. */
  wakeAt: number | null;
  responder: { contactId: string; callId: string } | null;
}

/**
 * What the telephony layer, the IVR and the API report. Call events name the call by the id the
 * `call` action gave it; events for calls that already ended are ignored.
 * `hung_up` is a contact's call ending after it was answered without 1 or 2 being pressed.
 * `wake` is the timer asked for with `wake_at`.
 * `sos_repeated` is another SOS from the same card joining this incident; `viaCall` when the
 * elder is on a new SOS call that can be bridged.
 */
export type EscalationEvent =
  | { kind: 'call_started'; callId: string }
  | { kind: 'answered'; callId: string }
  | { kind: 'pressed'; callId: string; digit: string }
  | { kind: 'no_answer'; callId: string }
  | { kind: 'busy'; callId: string }
  | { kind: 'failed'; callId: string }
  | { kind: 'timeout'; callId: string }
  | { kind: 'hung_up'; callId: string }
  | { kind: 'elder_hung_up' }
  | { kind: 'wake' }
  | { kind: 'sos_repeated'; viaCall: boolean }
  | { kind: 'resolved'; by: string; via: 'dtmf' | 'api' };

/**
 * call: dial `number`; `elderOnLine` says which prompt to play (connect now, or go there).
 * stop_calls: hang up these calls and place no more; `except` is the responder kept on the line.
 * bridge: connect the responder's call to the elder's call.
 * tell_location: play the location to the responder, because the elder is no longer on the line.
 * wake_at: feed a `wake` event at this time.
 * exhausted: nobody accepted in any round; alert the dispatcher, the incident stays open.
 */
export type EscalationAction =
  | {
      kind: 'call';
      callId: string;
      contact: SosContact;
      number: string;
      ringTimeoutMs: number;
      elderOnLine: boolean;
    }
  | { kind: 'stop_calls'; callIds: string[]; except: string | null }
  | { kind: 'bridge'; callId: string; contact: SosContact }
  | { kind: 'tell_location'; callId: string; contact: SosContact }
  | { kind: 'wake_at'; at: number }
  | { kind: 'exhausted' };

export type TimelineKind =
  | 'escalation_started'
  | 'round_started'
  | 'call_placed'
  | 'ringing'
  | 'answered'
  | 'no_answer'
  | 'busy'
  | 'failed'
  | 'timeout'
  | 'hung_up'
  | 'declined'
  | 'accepted'
  | 'digit_ignored'
  | 'bridged'
  | 'location_told'
  | 'calls_stopped'
  | 'round_paused'
  | 'exhausted'
  | 'elder_hung_up'
  | 'sos_repeated'
  | 'responder_hung_up'
  | 'resolved';

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  /** The contact the entry is about, when it is about one. */
  contactId: string | null;
  detail: string;
}

export interface EscalationStep {
  state: EscalationState;
  actions: EscalationAction[];
  timeline: TimelineEntry[];
}
