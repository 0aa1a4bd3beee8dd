import type { Logger } from '../../logging';
import type { CallEvent } from '../../telephony/call-events';
import type { CallControl, Unsubscribe } from '../../telephony/call-control';
import type { CallOwnership } from './call-ownership';
import { contactCallEvent } from './contact-call-events';
import type { EscalationRunner } from './escalation-runner';
import { capabilityEntry } from './incident-record';

/** Feeds the events of the SOS calls this process owns to their incidents' escalations. */
export function routeSosCallEvents(deps: {
  calls: CallControl;
  ownership: CallOwnership;
  runner: EscalationRunner;
  logger: Logger;
}): Unsubscribe {
  const { ownership, runner, logger } = deps;
  const failed = (incidentId: string, event: CallEvent) => (error: Error) =>
    logger.error(
      { incidentId, callId: event.callId, event: event.type, err: error.message },
      'SOS call event not applied',
    );

  return deps.calls.onCallEvent((event) => {
    const owned = ownership.get(event.callId);
    if (!owned) return;
    const { incidentId, role } = owned;
    if (event.type === 'ended') ownership.release(event.callId);
    if (event.type === 'bridged') {
      const who = role === 'elder' ? "the elder's call" : 'the responder';
      const entry = capabilityEntry(
        event.at.getTime(),
        'bridge_entered',
        `${who} entered bridge ${event.bridgeId}`,
        {
          callId: event.callId,
        },
      );
      void runner.note(incidentId, [entry]).catch(failed(incidentId, event));
      return;
    }
    if (role === 'elder' && event.type === 'ended') {
      void runner
        .feed(incidentId, { kind: 'elder_hung_up' }, { endedElderCallId: event.callId })
        .catch(failed(incidentId, event));
    }
    if (role === 'contact') {
      const escalationEvent = contactCallEvent(event);
      if (escalationEvent) void runner.feed(incidentId, escalationEvent).catch(failed(incidentId, event));
    }
  });
}
