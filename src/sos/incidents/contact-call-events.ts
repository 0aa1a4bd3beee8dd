import type { CallEvent } from '../../telephony/call-events';
import type { CallEnd } from '../../telephony/q850';
import type { EscalationEvent } from '../domain';

/**
 * What a contact's call event means to the escalation. The digit that counts is the menu's answer
 * (the `digit` event), not every key tone heard; null for events that change nothing (tones,
 * holding, bridging).
 */
export function contactCallEvent(event: CallEvent): EscalationEvent | null {
  const { callId } = event;
  switch (event.type) {
    case 'ringing':
      return { kind: 'call_started', callId };
    case 'answered':
      return { kind: 'answered', callId };
    case 'digit':
      return event.digit ? { kind: 'pressed', callId, digit: event.digit } : null;
    case 'ended':
      return { kind: endKind(event.cause), callId };
    default:
      return null;
  }
}

function endKind(cause: CallEnd): 'hung_up' | 'no_answer' | 'busy' | 'failed' {
  switch (cause) {
    case 'answered':
      return 'hung_up';
    case 'no-answer':
      return 'no_answer';
    // A declined call is as unavailable as an engaged one; the next number is tried either way.
    case 'busy':
    case 'rejected':
      return 'busy';
    default:
      return 'failed';
  }
}
