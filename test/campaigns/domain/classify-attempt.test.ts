import {
  type AttemptResult,
  classifyAttempt,
  DEFAULT_MENU,
  type DtmfMenu,
  type TelephonyReport,
} from '../../../src/campaigns/domain';

const unanswered = (hangupCause: number | null): TelephonyReport => ({
  answered: false,
  hangupCause,
  digit: null,
});
const answered = (digit: string | null, amdStatus?: TelephonyReport['amdStatus']): TelephonyReport => ({
  answered: true,
  hangupCause: 16,
  digit,
  ...(amdStatus ? { amdStatus } : {}),
});
const result = (outcome: AttemptResult['outcome'], failureReason: AttemptResult['failureReason'] = null) => ({
  outcome,
  failureReason,
  messageLeft: false,
});

describe('classifyAttempt', () => {
  it.each<[string, TelephonyReport, AttemptResult]>([
    ['1 pressed: confirmed', answered('1'), result('confirmed')],
    ['2 pressed: declined', answered('2'), result('declined')],
    ['9 pressed last (repeats used up): no answer given', answered('9'), result('answered_no_digit')],
    ['a key not on the menu', answered('5'), result('answered_no_digit')],
    ['nothing pressed', answered(null), result('answered_no_digit')],
    ['an empty digit', answered(''), result('answered_no_digit')],
    ['a machine', answered(null, 'MACHINE'), result('machine')],
    ['a machine guess overruled by a key press', answered('1', 'MACHINE'), result('confirmed')],
    [
      'not sure it was a machine: treated as a person',
      answered(null, 'NOTSURE'),
      result('answered_no_digit'),
    ],
    ['a person who pressed nothing', answered(null, 'HUMAN'), result('answered_no_digit')],
    [
      'answered, then a busy cause: the answer counts',
      { ...answered('2'), hangupCause: 17 },
      result('declined'),
    ],
    ['17 user busy', unanswered(17), result('busy')],
    ['18 no user responding', unanswered(18), result('no_answer')],
    ['19 no answer', unanswered(19), result('no_answer')],
    ['20 subscriber absent (phone off)', unanswered(20), result('no_answer')],
    ['16 normal clearing before answer (ring timeout)', unanswered(16), result('no_answer')],
    ['21 call rejected (SIP 603)', unanswered(21), result('rejected')],
    ['1 unallocated number', unanswered(1), result('failed', 'invalid_number')],
    ['3 no route to destination', unanswered(3), result('failed', 'invalid_number')],
    ['22 number changed', unanswered(22), result('failed', 'invalid_number')],
    ['28 invalid number format', unanswered(28), result('failed', 'invalid_number')],
    ['34 no circuit available', unanswered(34), result('failed', 'congestion')],
    ['42 switching equipment congestion', unanswered(42), result('failed', 'congestion')],
    ['38 network out of order', unanswered(38), result('failed', 'network')],
    ['41 temporary failure', unanswered(41), result('failed', 'network')],
    ['127 interworking, unspecified', unanswered(127), result('failed', 'other')],
    ['27 destination out of order: the household’s own line', unanswered(27), result('failed', 'other')],
    ['8 preemption: linli freed the channel for an SOS call', unanswered(8), result('failed', 'preempted')],
    [
      'answered, then ended for an SOS call: not the household’s doing either',
      { ...answered(null, 'HUMAN'), hangupCause: 8 },
      result('failed', 'preempted'),
    ],
    ['no cause at all: telephony lost the call', unanswered(null), result('unknown')],
    [
      'answered, then the server carrying it died before a key: the network’s failure',
      { ...answered(null, 'HUMAN'), hangupCause: 38 },
      result('failed', 'network'),
    ],
    [
      'answered, 1 pressed, then the server died: the answer counts',
      { ...answered('1'), hangupCause: 38 },
      result('confirmed'),
    ],
    [
      'a machine that took the message, then the line failed: the message stays left',
      { ...answered(null, 'MACHINE'), hangupCause: 41, messageLeft: true },
      { outcome: 'machine', failureReason: null, messageLeft: true },
    ],
  ])('%s', (_case, report, expected) => {
    expect(classifyAttempt(report, DEFAULT_MENU)).toEqual(expected);
  });

  it('reads the campaign menu, not fixed keys', () => {
    const menu: DtmfMenu = {
      options: [
        { digit: '3', action: 'confirm', label: '收到' },
        { digit: '*', action: 'decline', label: '不参加' },
      ],
      maxRepeats: 0,
    };
    expect(classifyAttempt(answered('3'), menu).outcome).toBe('confirmed');
    expect(classifyAttempt(answered('*'), menu).outcome).toBe('declined');
    expect(classifyAttempt(answered('1'), menu).outcome).toBe('answered_no_digit');
  });

  it('records whether a machine took the message', () => {
    expect(classifyAttempt({ ...answered(null, 'MACHINE'), messageLeft: true }, DEFAULT_MENU)).toEqual({
      outcome: 'machine',
      failureReason: null,
      messageLeft: true,
    });
  });
});
