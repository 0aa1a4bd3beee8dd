import { element, label, log, nop, scenario, send } from '../sipp/scenario-xml';
import { ALLOW_HEADER, OK_TO_REQUEST, SDP_BODY } from '../sipp/sip-messages';
import { unexpectedMessageSteps } from '../sipp/unexpected-messages';

export interface InboundScenarioInput {
  /** What the caller sends once answered (play_pcap_audio), if anything. */
  readonly pcapFile: string | null;
  /** The caller hangs up this long after the answer, unless Asterisk hangs up first. */
  readonly holdMs: number;
  /** The caller gives up (CANCEL) when there is no answer within this long. */
  readonly ringTimeoutMs: number;
  /** A User-Agent header, e.g. a SIP scanner's; none by default. */
  readonly userAgent?: string;
}

/** Final failure statuses a caller can meet; each is ACKed and logged with its status. */
const FAILURE_STATUSES = [
  400, 401, 402, 403, 404, 405, 406, 407, 408, 410, 413, 414, 415, 416, 420, 421, 423, 480, 481, 482, 483,
  484, 485, 486, 487, 488, 491, 493, 500, 501, 502, 503, 504, 505, 513, 580, 600, 603, 604, 606,
];

const BYE_ANSWER_WAIT_MS = 5_000;
const CANCEL_ANSWER_WAIT_MS = 5_000;

/** The INVITE's branch is fixed per call so that CANCEL and the ACK of a failure can repeat it. */
const INVITE_BRANCH = 'z9hG4bK-[pid]-[call_number]-invite';
const FROM = 'From: <sip:[field0]@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]';
const TO_URI = 'sip:[field1]@[remote_ip]:[remote_port]';

const now = element('gettimeofday', { assign_to: 'sec,usec' });
const stamped = (text: string) => [now, log(`${text} [$sec] [$usec]`)];

/**
 * A resident's or elder card's call into Asterisk. Injection file fields: caller number, called
 * number, request index. Each logged line (-trace_logs) is one event of a call, keyed by the index;
 * inbound-calls.ts reads them back.
 */
export function inboundScenarioXml(input: InboundScenarioInput): string {
  const waitForAnswer = { timeout: input.ringTimeoutMs, ontimeout: 'give_up' };
  return scenario('linli-inbound-caller', [
    nop({}, ...stamped('START [field2] [call_id]')),
    send(
      [
        `INVITE ${TO_URI} SIP/2.0`,
        `Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=${INVITE_BRANCH}`,
        FROM,
        `To: <${TO_URI}>`,
        'Call-ID: [call_id]',
        'CSeq: 1 INVITE',
        'Contact: <sip:[field0]@[local_ip]:[local_port];transport=[transport]>',
        'Max-Forwards: 70',
        ...(input.userAgent ? [`User-Agent: ${input.userAgent}`] : []),
        ALLOW_HEADER,
        'Content-Type: application/sdp',
        'Content-Length: [len]',
        '',
        ...SDP_BODY,
      ],
      { retrans: 500 },
    ),
    element('recv', { response: 100, optional: 'true', ...waitForAnswer }),
    element('recv', { response: 180, optional: 'true', ...waitForAnswer }),
    element('recv', { response: 183, optional: 'true', ...waitForAnswer }),
    ...FAILURE_STATUSES.map((status) =>
      element('recv', { response: status, optional: 'true', next: 'rejected' }, [
        element('action', {}, stamped(`REJECT [field2] ${status}`)),
      ]),
    ),
    element('recv', { response: 200, ...waitForAnswer }, [
      element('action', {}, [
        element('ereg', { regexp: '.*', search_in: 'hdr', header: 'To:', assign_to: 'callee' }),
        element('ereg', { regexp: 'sip:[^>]*', search_in: 'hdr', header: 'Contact:', assign_to: 'contact' }),
        ...stamped('ANSWER [field2]'),
      ]),
    ]),
    send(inDialogRequest('ACK', 1)),
    ...(input.pcapFile ? [nop({}, element('exec', { play_pcap_audio: input.pcapFile }))] : []),
    element('recv', {
      request: 'BYE',
      timeout: Math.max(1, Math.round(input.holdMs)),
      ontimeout: 'hangup',
      next: 'bye_received',
    }),

    label('bye_received'),
    send(OK_TO_REQUEST),
    nop({ next: 'end' }, ...stamped('END [field2] callee')),

    label('hangup'),
    send(inDialogRequest('BYE', 2)),
    element('recv', { response: 200, timeout: BYE_ANSWER_WAIT_MS, ontimeout: 'bye_answered' }),
    label('bye_answered'),
    nop({ next: 'end' }, ...stamped('END [field2] caller')),

    label('give_up'),
    nop({}, ...stamped('NOANSWER [field2]')),
    send(requestOnInviteBranch('CANCEL', `To: <${TO_URI}>`)),
    element('recv', { response: 200, optional: 'true' }),
    element('recv', { response: 487, timeout: CANCEL_ANSWER_WAIT_MS, ontimeout: 'end' }),
    send(requestOnInviteBranch('ACK', '[last_To:]'), { next: 'end' }),

    label('rejected'),
    send(requestOnInviteBranch('ACK', '[last_To:]'), { next: 'end' }),

    ...unexpectedMessageSteps('bye_received'),
    label('end'),
  ]);
}

/** The caller-side injection file: caller;called;index, one line per call. */
export function inboundInjectionCsv(calls: readonly { from: string; to: string }[]): string {
  return ['SEQUENTIAL', ...calls.map((call, index) => `${call.from};${call.to};${index}`), ''].join('\n');
}

/** ACK of the 200 and BYE: requests inside the dialog Asterisk answered. */
function inDialogRequest(method: 'ACK' | 'BYE', cseq: number): string[] {
  return [
    `${method} [$contact] SIP/2.0`,
    'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
    FROM,
    'To:[$callee]',
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ${method}`,
    'Max-Forwards: 70',
    ...(method === 'BYE' ? ['Reason: Q.850;cause=16;text="Normal call clearing"'] : []),
    'Content-Length: 0',
  ];
}

/** CANCEL, and the ACK of a failure response: same branch and CSeq number as the INVITE. */
function requestOnInviteBranch(method: 'CANCEL' | 'ACK', to: string): string[] {
  return [
    `${method} ${TO_URI} SIP/2.0`,
    `Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=${INVITE_BRANCH}`,
    FROM,
    to,
    'Call-ID: [call_id]',
    `CSeq: 1 ${method}`,
    'Max-Forwards: 70',
    'Content-Length: 0',
  ];
}
