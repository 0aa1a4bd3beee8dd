import type { CallEvent } from '../../telephony/call-control';
import { classifyCallEnd } from '../../telephony/q850';
import type { EscalationEvent } from '../domain';

/**
 * What a contact's call event means to the escalation. The digit that counts is the one the
 * dialplan's Read() reported (LinliDigit), not every tone heard; null for events that change
 * nothing (DTMF tones, holding, bridging).
 */
export function contactCallEvent(event: CallEvent): EscalationEvent | null {
  const { callId } = event;
  switch (event.type) {
    case 'ringing':
      return { kind: 'call_started', callId };
    case 'answered':
      return { kind: 'answered', callId };
    case 'user': {
      const digit = event.fields.digit;
      return event.name === 'LinliDigit' && digit ? { kind: 'pressed', callId, digit } : null;
    }
    case 'hangup':
      return { kind: endKind(event.answered, event.cause, event.unknown), callId };
    default:
      return null;
  }
}

function endKind(
  answered: boolean,
  cause: number,
  unknown: boolean,
): 'hung_up' | 'no_answer' | 'busy' | 'failed' {
  switch (classifyCallEnd(answered, cause, unknown)) {
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
