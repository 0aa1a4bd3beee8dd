import {
  type Attempt,
  type AttemptOutcome,
  DEFAULT_RETRY_POLICY,
  type NextStep,
  nextStep,
  type RetryPolicy,
} from '../../../src/campaigns/domain';
import { minutes, sh } from '../../support/shanghai-time';

const A = '+8613800000001';
const B = '+8613800000002';
const C = '+8613800000003';
const now = sh('2024-05-01 12:00');

/** Attempts one minute apart, the last ending one minute before `now`. */
function history(...entries: [string, AttemptOutcome, Partial<Attempt>?][]): Attempt[] {
  return entries.map(([number, outcome, extra], i) => ({
    number,
    outcome,
    endedAt: new Date(now.getTime() - minutes(entries.length - i)),
    ...extra,
  }));
}
const lastEnded = new Date(now.getTime() - minutes(1));
/** A retry due `delayMinutes` after the last attempt in the history ended. */
const retryIn = (number: string, delayMinutes: number): NextStep => ({
  kind: 'retry',
  number,
  notBefore: new Date(lastEnded.getTime() + minutes(delayMinutes)),
});

describe('nextStep: one number', () => {
  it('dials the first number of a new household at once', () => {
    expect(nextStep([], [A, B], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'retry',
      number: A,
      notBefore: now,
    });
  });

  it.each<[string, Attempt[], NextStep]>([
    ['confirmed is final', history([A, 'busy'], [A, 'confirmed']), { kind: 'final', outcome: 'confirmed' }],
    ['declined is final', history([A, 'declined']), { kind: 'final', outcome: 'declined' }],
    ['do-not-call is final', history([A, 'do_not_call']), { kind: 'final', outcome: 'do_not_call' }],
    ['busy once: again in 5 min', history([A, 'busy']), retryIn(A, 5)],
    ['busy twice: again in 5 min', history([A, 'busy'], [A, 'busy']), retryIn(A, 5)],
    [
      'busy three times: exhausted',
      history([A, 'busy'], [A, 'busy'], [A, 'busy']),
      { kind: 'exhausted', lastOutcome: 'busy' },
    ],
    ['no answer once: again in 15 min', history([A, 'no_answer']), retryIn(A, 15)],
    [
      'no answer three times: exhausted',
      history([A, 'no_answer'], [A, 'no_answer'], [A, 'no_answer']),
      { kind: 'exhausted', lastOutcome: 'no_answer' },
    ],
    ['failed on its own line once: again', history([A, 'failed', { failureReason: 'other' }]), retryIn(A, 5)],
    [
      'failed twice: exhausted',
      history([A, 'failed', { failureReason: 'other' }], [A, 'failed', { failureReason: 'other' }]),
      { kind: 'exhausted', lastOutcome: 'failed' },
    ],
    ['answered without a key: one more try', history([A, 'answered_no_digit']), retryIn(A, 30)],
    [
      'answered without a key twice: exhausted',
      history([A, 'answered_no_digit'], [A, 'answered_no_digit']),
      { kind: 'exhausted', lastOutcome: 'answered_no_digit' },
    ],
    ['rejected once: one more try an hour later', history([A, 'rejected']), retryIn(A, 60)],
    [
      'rejected twice: exhausted',
      history([A, 'rejected'], [A, 'rejected']),
      { kind: 'exhausted', lastOutcome: 'rejected' },
    ],
    ['machine: retried like no answer', history([A, 'machine']), retryIn(A, 15)],
    ['unknown: one more try', history([A, 'unknown']), retryIn(A, 15)],
    [
      'an invalid number is never redialled',
      history([A, 'failed', { failureReason: 'invalid_number' }]),
      { kind: 'exhausted', lastOutcome: 'failed' },
    ],
  ])('%s', (_case, attempts, expected) => {
    expect(nextStep(attempts, [A], DEFAULT_RETRY_POLICY, now)).toEqual(expected);
  });

  it('counts each outcome against its own budget', () => {
    // busy, busy, no answer, busy: the third busy round uses up busy's two retries.
    const attempts = history([A, 'busy'], [A, 'busy'], [A, 'no_answer']);
    expect(nextStep(attempts, [A], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 15));
    const more = history([A, 'busy'], [A, 'busy'], [A, 'no_answer'], [A, 'busy']);
    expect(nextStep(more, [A], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'exhausted',
      lastOutcome: 'busy',
    });
  });

  it('stops at the household round limit whatever the mix', () => {
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRoundsPerHousehold: 3 };
    const attempts = history([A, 'busy'], [A, 'no_answer'], [A, 'rejected']);
    expect(nextStep(attempts, [A], policy, now)).toEqual({ kind: 'exhausted', lastOutcome: 'rejected' });
  });

  it('never redials a settled household, even if numbers change', () => {
    const attempts = history([A, 'confirmed']);
    expect(nextStep(attempts, [B, C], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'final',
      outcome: 'confirmed',
    });
  });

  it('reads history in any order', () => {
    const attempts = history([A, 'busy'], [A, 'busy'], [A, 'busy']).reverse();
    expect(nextStep(attempts, [A], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'exhausted',
      lastOutcome: 'busy',
    });
  });

  it('has nothing to dial for a household without numbers', () => {
    expect(nextStep([], [], DEFAULT_RETRY_POLICY, now)).toEqual({ kind: 'exhausted', lastOutcome: null });
  });

  it('honours a zero-retry rule', () => {
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, rejected: { retries: 0, delayMinutes: 60 } };
    expect(nextStep(history([A, 'rejected']), [A], policy, now)).toEqual({
      kind: 'exhausted',
      lastOutcome: 'rejected',
    });
  });
});

describe('nextStep: answering machines', () => {
  const leaving: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    machine: { retries: 2, delayMinutes: 15, leaveMessage: true },
  };

  it('settles the household once a machine took the message, when messages are left', () => {
    expect(nextStep(history([A, 'machine', { messageLeft: true }]), [A], leaving, now)).toEqual({
      kind: 'final',
      outcome: 'machine',
    });
  });

  it('retries when leaving the message did not work', () => {
    const attempts = history([A, 'machine', { messageLeft: false }]);
    expect(nextStep(attempts, [A], leaving, now)).toEqual(retryIn(A, 15));
  });

  it('retries even after a message was left when the policy hangs up on machines', () => {
    const attempts = history([A, 'machine', { messageLeft: true }]);
    expect(nextStep(attempts, [A], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 15));
  });
});

describe('nextStep: several numbers per household', () => {
  it('after a failure on one number, dials the next number at once', () => {
    expect(nextStep(history([A, 'busy']), [A, B, C], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'retry',
      number: B,
      notBefore: now,
    });
    expect(nextStep(history([A, 'busy'], [B, 'no_answer']), [A, B, C], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'retry',
      number: C,
      notBefore: now,
    });
  });

  it('waits only when every number was tried in the round, then starts again from the first', () => {
    const attempts = history([A, 'busy'], [B, 'busy']);
    expect(nextStep(attempts, [A, B], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 5));
  });

  it("uses the round's most telling outcome for the delay: someone picked up beats busy", () => {
    const attempts = history([A, 'answered_no_digit'], [B, 'busy']);
    expect(nextStep(attempts, [A, B], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 30));
  });

  it('ranks a person picking up above a machine, and a machine above a busy line', () => {
    const personAndMachine = history([A, 'machine'], [B, 'answered_no_digit']);
    expect(nextStep(personAndMachine, [A, B], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 30));
    const machineAndBusy = history([A, 'busy'], [B, 'machine']);
    expect(nextStep(machineAndBusy, [A, B], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 15));
  });

  it('counts rounds, not attempts, against the budget: three busy rounds over two numbers', () => {
    const twoRounds = history([A, 'busy'], [B, 'busy'], [A, 'busy'], [B, 'busy']);
    expect(nextStep(twoRounds, [A, B], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 5));
    const threeRounds = history([A, 'busy'], [B, 'busy'], [A, 'busy'], [B, 'busy'], [A, 'busy'], [B, 'busy']);
    expect(nextStep(threeRounds, [A, B], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'exhausted',
      lastOutcome: 'busy',
    });
  });

  it('continues a later round with the next number at once', () => {
    const attempts = history([A, 'busy'], [B, 'busy'], [A, 'no_answer']);
    expect(nextStep(attempts, [A, B], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'retry',
      number: B,
      notBefore: now,
    });
  });

  it('settles the household when any number confirms', () => {
    expect(nextStep(history([A, 'busy'], [B, 'confirmed']), [A, B], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'final',
      outcome: 'confirmed',
    });
  });

  it('drops an invalid number from later rounds and keeps calling the others', () => {
    const attempts = history([A, 'failed', { failureReason: 'invalid_number' }], [B, 'no_answer']);
    expect(nextStep(attempts, [A, B], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(B, 15));
  });

  it('dials each number once per round even if listed twice', () => {
    const attempts = history([A, 'busy']);
    expect(nextStep(attempts, [A, A], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 5));
  });
});

describe('nextStep: infrastructure failures are not the household’s', () => {
  const congested = (n: number) =>
    Array.from({ length: n }, (): [string, AttemptOutcome, Partial<Attempt>] => [
      A,
      'failed',
      { failureReason: 'congestion' },
    ]);

  it('the same number is due again at once after congestion or a network failure, three times', () => {
    for (const attempts of [
      history(...congested(1)),
      history([A, 'failed', { failureReason: 'network' }], ...congested(2)),
    ]) {
      expect(nextStep(attempts, [A], DEFAULT_RETRY_POLICY, now)).toEqual({
        kind: 'retry',
        number: A,
        notBefore: now,
      });
    }
  });

  it('uses up none of the household’s retries: a busy household keeps both of its busy retries', () => {
    const step = nextStep(history([A, 'busy'], ...congested(3), [A, 'busy']), [A], DEFAULT_RETRY_POLICY, now);
    expect(step).toMatchObject({ kind: 'retry', number: A });
    expect(
      nextStep(
        history([A, 'busy'], ...congested(3), [A, 'busy'], [A, 'busy']),
        [A],
        DEFAULT_RETRY_POLICY,
        now,
      ),
    ).toEqual({ kind: 'exhausted', lastOutcome: 'busy' });
  });

  it('past three they count like any failure, so a number the carrier never routes still ends', () => {
    expect(nextStep(history(...congested(4)), [A], DEFAULT_RETRY_POLICY, now)).toEqual(retryIn(A, 5));
    expect(nextStep(history(...congested(5)), [A], DEFAULT_RETRY_POLICY, now)).toEqual({
      kind: 'exhausted',
      lastOutcome: 'failed',
    });
  });
});
