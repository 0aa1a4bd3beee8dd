import type { Db } from '../../db/client';
import type { CallControl } from '../../telephony/call-control';
import type { EscalationRunner } from './escalation-runner';
import { capabilityEntry } from './incident-record';
import type { IncidentScheduler } from './incident-scheduler';
import { loadIncident } from './incident-store';

/** A call still up when checked is looked at again this much later. */
const RECHECK_MS = 30_000;

export interface WatchdogDeps {
  db: Db;
  calls: CallControl;
  runner: EscalationRunner;
  scheduler: IncidentScheduler;
  now: () => number;
}

/**
 * Looks at one contact call after it should have ended. If the escalation still waits for it but
 * Asterisk no longer has it, the process that owned it died before it could report the end: the
 * escalation is told, so it moves on instead of waiting for ever. An elder's call that ended
 * unseen is noticed the same way.
 */
export async function checkIncidentCall(
  deps: WatchdogDeps,
  incidentId: string,
  callId: string,
): Promise<void> {
  const record = await loadIncident(deps.db, incidentId);
  if (!record || record.status === 'resolved') return;
  const now = deps.now();
  const { elderCallId } = record;
  if (record.state.escalation.elderOnLine && elderCallId && !deps.calls.isLive(elderCallId)) {
    await deps.runner.feed(incidentId, { kind: 'elder_hung_up' }, { endedElderCallId: elderCallId });
  }
  const leg = record.state.escalation.calls.find((c) => c.callId === callId);
  if (!leg) return;
  if (deps.calls.isLive(callId)) {
    await deps.scheduler.checkCall(incidentId, callId, RECHECK_MS);
    return;
  }
  const kind = leg.phase === 'answered' ? 'hung_up' : 'timeout';
  await deps.runner.feed(
    incidentId,
    { kind, callId },
    {
      timeline: [
        capabilityEntry(now, 'call_lost', `nobody saw this call end; treated as ${kind}`, {
          contactId: leg.contactId,
          callId,
        }),
      ],
    },
  );
}
