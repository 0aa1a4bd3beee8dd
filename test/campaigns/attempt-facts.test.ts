import {
  attemptHistory,
  failureReasonOf,
  MESSAGE_LEFT_AMD,
  parseAmd,
  telephonyReport,
  type AttemptRow,
} from '../../src/campaigns/dialer/attempt-facts';

const row = (overrides: Partial<AttemptRow> = {}): AttemptRow => ({
  number: '+8613800138000',
  answeredAt: null,
  endedAt: new Date('2026-03-01T01:00:00Z'),
  outcome: null,
  digit: null,
  hangupCause: null,
  amd: null,
  ...overrides,
});

describe('what an attempt row tells the retry rules', () => {
  it('reads the key pressed and the answer from the row the journal wrote', () => {
    expect(telephonyReport(row({ answeredAt: new Date(), digit: '1', hangupCause: 16 }))).toEqual({
      answered: true,
      hangupCause: 16,
      digit: '1',
      amdStatus: undefined,
      messageLeft: false,
    });
  });

  it('fills what the row lacks from what the engine kept of a call that ended while no worker listened', () => {
    const kept = { answered: true, q850: 16, digit: '2', machine: null };
    expect(telephonyReport(row(), kept)).toMatchObject({ answered: true, hangupCause: 16, digit: '2' });
  });

  it('knows nothing of a call with neither a row nor a kept record: its outcome is unknown', () => {
    expect(telephonyReport(row(), null)).toMatchObject({ answered: false, hangupCause: null, digit: null });
  });

  it('tells a machine that took the message from one that did not', () => {
    expect(parseAmd(MESSAGE_LEFT_AMD)).toEqual({ status: 'MACHINE', messageLeft: true });
    expect(parseAmd('MACHINE')).toEqual({ status: 'MACHINE', messageLeft: false });
    expect(parseAmd('garbage')).toEqual({ status: undefined, messageLeft: false });
  });

  it('derives why a call failed from its cause, so invalid numbers are never dialled again', () => {
    expect(failureReasonOf('failed', 1)).toBe('invalid_number');
    expect(failureReasonOf('failed', 34)).toBe('congestion');
    expect(failureReasonOf('failed', null)).toBe('other');
    expect(failureReasonOf('busy', 17)).toBeNull();
  });

  it('leaves attempts still in progress out of the history and reads unknown outcomes as unknown', () => {
    const history = attemptHistory([
      row({ outcome: 'failed', hangupCause: 1 }),
      row({ outcome: 'what', endedAt: new Date('2026-03-01T01:01:00Z') }),
      row({ endedAt: null }),
    ]);
    expect(history.map((a) => [a.outcome, a.failureReason])).toEqual([
      ['failed', 'invalid_number'],
      ['unknown', null],
    ]);
  });
});
