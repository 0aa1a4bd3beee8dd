/**
 * One press of the SOS key usually reaches linli twice: the card dials the SOS number from its SIM
 * and sends an alarm frame with the SOS bit over GPRS, in either order.
 */
export type SosSource = 'sos_call' | 'alarm_frame';

export interface SosTrigger {
  source: SosSource;
  /** The card, as resolved from the caller's SIM number or the frame's device id. */
  cardId: string;
}

export interface KnownIncident {
  id: string;
  cardId: string;
  resolved: boolean;
  /** When the latest trigger of this incident arrived. */
  lastTriggerAt: number;
  /** Which kinds of trigger the incident has received. */
  sources: readonly SosSource[];
}

export const DEFAULT_SAME_PRESS_WINDOW_MS = 120_000;

/**
 * open: start a new incident.
 * join: add the trigger to the open incident (timeline entry; feed `sos_repeated` to its escalation).
 * duplicate: the late other half of a press whose incident is already resolved; record it, do not reopen.
 */
export type IncidentMatch =
  | { decision: 'open' }
  | { decision: 'join'; incidentId: string }
  | { decision: 'duplicate'; incidentId: string };

/**
 * Decides whether an SOS trigger opens an incident. `openIncidents` are the card's unresolved
 * incidents; recently resolved ones may be passed too, so that a late alarm frame does not reopen.
 */
export function matchIncident(
  trigger: SosTrigger,
  openIncidents: readonly KnownIncident[],
  now: number,
  windowMs: number = DEFAULT_SAME_PRESS_WINDOW_MS,
): IncidentMatch {
  const sameCard = openIncidents
    .filter((incident) => incident.cardId === trigger.cardId)
    .sort((a, b) => b.lastTriggerAt - a.lastTriggerAt);

  const open = sameCard.find((incident) => !incident.resolved);
  if (open) return { decision: 'join', incidentId: open.id };

  // Only a kind of trigger the resolved incident has not had yet can be the other half of its press;
  // a second trigger of the same kind is a new press, and a missed SOS is worse than a repeated one.
  const otherHalfOf = sameCard.find(
    (incident) => now - incident.lastTriggerAt <= windowMs && !incident.sources.includes(trigger.source),
  );
  if (otherHalfOf) return { decision: 'duplicate', incidentId: otherHalfOf.id };

  return { decision: 'open' };
}
