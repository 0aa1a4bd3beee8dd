import type { EscalationState, IncidentStatus, SosSource, TimelineEntry, TimelineKind } from '../domain';

/**
 * What SosIncident.state holds: the escalation state machine's state plus the facts every worker
 * needs to continue it (the prompt's words, what matched the incident, when each call was placed).
 * Stored with a version (incident-json.ts), which this type leaves out: the store adds it.
 */
export interface StoredIncidentState {
  escalation: EscalationState;
  cardId: string | null;
  elderName: string;
  /** When the SOS key was pressed (the first trigger), epoch ms. */
  pressedAt: number;
  locationWords: string | null;
  sources: SosSource[];
  lastTriggerAt: number;
  /** Calls placed, by call id: for the watchdog that notices calls whose end nobody saw. */
  placedAt: Record<string, number>;
  /**
   * The server carrying the elder's call (null: no call, or an incident from before servers were
   * kept): contacts are called on a trunk of that server, where the two calls can be bridged.
   */
  elderServer: string | null;
}

/** Entries the SOS capability adds to the reducer's own. */
export type CapabilityTimelineKind =
  | 'sos_call'
  | 'alarm_frame'
  | 'unknown_caller'
  | 'duplicate_trigger'
  | 'call_failed'
  | 'call_waiting'
  | 'call_lost'
  | 'bridge_entered'
  | 'bridge_failed'
  | 'location_played'
  | 'location_callback'
  | 'dispatcher_needed';

/** One line of SosIncident.timeline, as stored and as the API shows it. */
export interface StoredTimelineEntry {
  at: string;
  kind: TimelineKind | CapabilityTimelineKind;
  contactId: string | null;
  /** The call the entry is about, when it is about one. */
  callId?: string;
  detail: string;
}

export interface IncidentRecord {
  id: string;
  elderId: string;
  status: IncidentStatus;
  trigger: SosSource;
  elderCallId: string | null;
  openedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  state: StoredIncidentState;
}

export function storedEntry(entry: TimelineEntry): StoredTimelineEntry {
  return {
    at: new Date(entry.at).toISOString(),
    kind: entry.kind,
    contactId: entry.contactId,
    detail: entry.detail,
  };
}

export function capabilityEntry(
  at: number,
  kind: CapabilityTimelineKind,
  detail: string,
  about: { contactId?: string | null; callId?: string } = {},
): StoredTimelineEntry {
  return {
    at: new Date(at).toISOString(),
    kind,
    contactId: about.contactId ?? null,
    ...(about.callId === undefined ? {} : { callId: about.callId }),
    detail,
  };
}
