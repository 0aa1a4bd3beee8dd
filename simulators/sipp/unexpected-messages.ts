import { element, label, nop, send } from './scenario-xml';
import { ALLOW_HEADER, CONTACT_HEADER, OK_TO_REQUEST, SDP_BODY } from './sip-messages';

/**
 * SIPp jumps to `_unexp.main` on a message the scenario did not expect at that point. Asterisk sends
 * such messages into a connected call when it bridges it (UPDATE or re-INVITE with the new connected
 * line). A phone answers them and goes back to waiting where it was (the wait starts over); a BYE
 * goes to the scenario's `byeLabel`; a stray ACK is ignored.
 */
export function unexpectedMessageSteps(byeLabel: string): string[] {
  const goBack = nop(
    {},
    // SIPp treats a second unexpected message as "recursive" (and aborts the call) while
    // _unexp.retaddr is non-zero, so it is cleared before jumping back.
    element('assign', { assign_to: 'unexp_return', value: 0 }),
    element('add', { assign_to: 'unexp_return', variable: '_unexp.retaddr' }),
    element('assign', { assign_to: '_unexp.retaddr', value: 0 }),
    element('jump', { variable: 'unexp_return' }),
  );
  return [
    // SIPp hands the unexpected message to the next receive, so these sort it by method.
    label('_unexp.main'),
    element('recv', { request: 'BYE', optional: 'true', next: byeLabel }),
    element('recv', { request: 'INVITE', optional: 'true', next: 'unexp_reinvite' }),
    element('recv', { request: 'ACK', optional: 'true', next: 'unexp_back' }),
    element('recv', { request: '[A-Z]+', regexp_match: 'true', next: 'unexp_answer' }),

    label('unexp_answer'),
    send(OK_TO_REQUEST),
    goBack,

    label('unexp_reinvite'),
    send(
      [
        'SIP/2.0 200 OK',
        '[last_Via:]',
        '[last_From:]',
        '[last_To:]',
        '[last_Call-ID:]',
        '[last_CSeq:]',
        CONTACT_HEADER,
        ALLOW_HEADER,
        'Content-Type: application/sdp',
        'Content-Length: [len]',
        '',
        ...SDP_BODY,
      ],
      { retrans: 500 },
    ),
    element('recv', { request: 'ACK', timeout: 32_000, ontimeout: 'unexp_back' }),
    label('unexp_back'),
    goBack,
  ];
}
