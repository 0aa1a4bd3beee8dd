import type { PhoneBehaviour } from '../phone/phone-behaviour';
import { formatPhoneBehaviour } from '../phone/phone-behaviour';
import type { PhoneTiming } from '../phone/phone-timing';
import { element, label, log, nop, scenario, send } from '../sipp/scenario-xml';
import { OK_TO_REQUEST, uasResponse, UAS_TAG } from '../sipp/sip-messages';
import { unexpectedMessageSteps } from '../sipp/unexpected-messages';

/** One way of behaving, shared by every number of the plan that behaves so. */
export interface ScenarioBranch {
  readonly behaviour: PhoneBehaviour;
  /** What the phone sends after answering (play_pcap_audio), if it answers. */
  readonly pcapFile: string | null;
  /** The phone hangs up by itself this long after answering. */
  readonly hangsUpAfterMs: number;
}

export interface PstnScenarioInput {
  /** Branch 0 serves numbers missing from the plan. */
  readonly branches: readonly ScenarioBranch[];
  /** The injection file (number;branch) as named on SIPp's command line; null when the plan is empty. */
  readonly planFile: string | null;
  readonly timing: PhoneTiming;
}

/** How long the simulated phone waits for the ACK of a final response before giving up on it. */
const ACK_WAIT_MS = 32_000;
const BYE_ANSWER_WAIT_MS = 5_000;

/**
 * The PSTN's scenario: every call starts at the INVITE, looks its called number up in the plan
 * (an indexed injection file), and jumps to the branch of its behaviour. Each line the scenario
 * logs (-trace_logs) is one event of a call; pstn-call-log.ts reads them back.
 */
export function pstnScenarioXml(input: PstnScenarioInput): string {
  if (input.branches.length === 0) throw new Error('the PSTN scenario needs at least the default branch');
  return scenario('linli-pstn', [
    ...dispatcher(input),
    ...input.branches.flatMap((branch, index) => branchSteps(branch, index, input.timing)),
    ...commonEndings(),
    ...unexpectedMessageSteps('bye_received'),
    label('end'),
    element('Reference', { variables: 'ruri,invcseq' }),
  ]);
}

/** The injection file: the called number (no '+') and the index of its branch. */
export function pstnInjectionCsv(rows: readonly { number: string; branch: number }[]): string {
  // SIPp rejects an injection file without data lines; this one never matches a dialled number.
  const lines = rows.length > 0 ? rows.map((row) => `${row.number};${row.branch}`) : ['-;0'];
  return ['SEQUENTIAL', ...lines, ''].join('\n');
}

const now = element('gettimeofday', { assign_to: 'sec,usec' });
const stamped = (text: string) => [now, log(`${text} [$sec] [$usec]`)];
/** Logged when the call's end is decided, before the SIP messages that carry it out. */
const ended = (how: string) => nop({}, ...stamped(`END [call_id] ${how}`));
const toEnd = nop({ next: 'end' });

function dispatcher(input: PstnScenarioInput): string[] {
  const receiveInvite = element('recv', { request: 'INVITE', crlf: 'true' }, [
    element('action', {}, [
      element('ereg', { regexp: '^INVITE sip:\\+?([^@;]*)[@;]', search_in: 'msg', assign_to: 'ruri,num' }),
      element('ereg', { regexp: '[0-9]+', search_in: 'hdr', header: 'CSeq:', assign_to: 'invcseq' }),
      element('ereg', { regexp: '.*', search_in: 'hdr', header: 'From:', assign_to: 'peer' }),
      element('ereg', { regexp: '.*', search_in: 'hdr', header: 'To:', assign_to: 'callee' }),
      element('ereg', { regexp: 'sip:[^>]*', search_in: 'hdr', header: 'Contact:', assign_to: 'contact' }),
      ...(input.planFile
        ? [
            element('lookup', { assign_to: 'line', file: input.planFile, key: '[$num]' }),
            element('test', { assign_to: 'unknown', variable: 'line', compare: 'less_than', value: 0 }),
          ]
        : []),
      ...stamped('CALL [call_id] [$num]'),
    ]),
  ]);
  const steps = [receiveInvite, send(uasResponse(100))];
  if (!input.planFile) return steps;

  const planned = input.branches.map((_, index) => index).filter((index) => index > 0);
  return [
    ...steps,
    nop({ test: 'unknown', next: 'b0' }),
    nop(
      {},
      element('assignstr', { assign_to: 'bstr', value: `[field1 file="${input.planFile}" line="[$line]"]` }),
      element('todouble', { assign_to: 'branch', variable: 'bstr' }),
      ...planned.map((i) =>
        element('test', { assign_to: `is${i}`, variable: 'branch', compare: 'equal', value: i }),
      ),
    ),
    ...planned.map((i) => nop({ test: `is${i}`, next: `b${i}` })),
    nop({ next: 'b0' }),
  ];
}

function branchSteps(branch: ScenarioBranch, index: number, timing: PhoneTiming): string[] {
  const id = `b${index}`;
  const start = [label(id), nop({}, log(`BRANCH [call_id] ${formatPhoneBehaviour(branch.behaviour)}`))];
  const behaviour = branch.behaviour;
  switch (behaviour.kind) {
    case 'press':
    case 'press-and-hold':
    case 'hangup':
    case 'silent':
    case 'machine':
      return [...start, ...ringing(timing.ringMs, `${id}_answer`), ...answer(branch)];
    case 'busy':
      return [...start, ...finalResponse(id, 486)];
    case 'decline':
      return [...start, ...ringing(timing.ringMs, `${id}_final`), ...finalResponse(id, 603)];
    case 'no-answer':
      return [...start, ...ringing(timing.noAnswerGiveUpMs, `${id}_final`), ...finalResponse(id, 480)];
    case 'reject':
      return [...start, ...finalResponse(id, behaviour.sipStatus)];
  }
}

/** 180, then rings for ms unless the caller cancels; then goes on at the label `then`. */
function ringing(ms: number, then: string): string[] {
  const steps = [send(uasResponse(180))];
  if (ms > 0) {
    // A receive with a timeout is a pause that a CANCEL can cut short.
    steps.push(element('recv', { request: 'CANCEL', timeout: ms, ontimeout: then, next: 'cancelled' }));
  }
  return [...steps, label(then)];
}

function answer(branch: ScenarioBranch): string[] {
  const afterAck = [
    ...stamped('ANSWER [call_id]'),
    ...(branch.pcapFile ? [element('exec', { play_pcap_audio: branch.pcapFile })] : []),
  ];
  return [
    send(uasResponse(200, { sdp: true }), { retrans: 500 }),
    element('recv', { request: 'ACK' }, [element('action', {}, afterAck)]),
    element('recv', {
      request: 'BYE',
      timeout: Math.max(1, Math.round(branch.hangsUpAfterMs)),
      ontimeout: 'hangup',
      next: 'bye_received',
    }),
  ];
}

function finalResponse(id: string, status: number): string[] {
  return [
    ended(`rejected-${status}`),
    send(uasResponse(status), { retrans: 500 }),
    element('recv', { request: 'ACK', timeout: ACK_WAIT_MS, ontimeout: `${id}_acked` }),
    label(`${id}_acked`),
    toEnd,
  ];
}

function commonEndings(): string[] {
  return [
    label('cancelled'),
    ended('cancelled'),
    send(OK_TO_REQUEST),
    send(uasResponse(487, { cseq: 'CSeq: [$invcseq] INVITE' }), { retrans: 500 }),
    element('recv', { request: 'ACK', timeout: ACK_WAIT_MS, ontimeout: 'cancel_acked' }),
    label('cancel_acked'),
    toEnd,

    label('bye_received'),
    ended('bye-received'),
    send(OK_TO_REQUEST),
    toEnd,

    label('hangup'),
    ended('bye-sent'),
    send([
      'BYE [$contact] SIP/2.0',
      'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
      `From:[$callee];tag=${UAS_TAG}`,
      'To:[$peer]',
      'Call-ID: [call_id]',
      'CSeq: 1 BYE',
      'Max-Forwards: 70',
      'Reason: Q.850;cause=16;text="Normal call clearing"',
      'Content-Length: 0',
    ]),
    element('recv', { response: 200, timeout: BYE_ANSWER_WAIT_MS, ontimeout: 'bye_answered' }),
    label('bye_answered'),
    toEnd,
  ];
}
