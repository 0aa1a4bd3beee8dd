import type { Queue } from 'bullmq';

/**
 * The SOS capability's queued work:
 *   wake: the escalation's next round is due (the reducer's wake_at).
 *   check-call: a call should have ended by now; if nobody saw it end, the escalation is told.
 *   inactivity-sweep: the repeatable inactivity check over every elder.
 *   inactivity-followup: what came of an inactivity alert call; call the next person if nobody will go.
 */
export type SosJob =
  | { type: 'wake'; incidentId: string }
  | { type: 'check-call'; incidentId: string; callId: string }
  | { type: 'redial'; incidentId: string; callId: string; attempt: number }
  | { type: 'inactivity-sweep' }
  | InactivityFollowup;

export interface InactivityFollowup {
  type: 'inactivity-followup';
  elderId: string;
  alertId: string;
  message: string;
  /** Every number to try, in order: family first, then the grid worker. */
  targets: { contactId: string; name: string; number: string }[];
  /** The target of `callId`. */
  index: number;
  callId: string;
}

export type SosQueue = Queue<SosJob>;
