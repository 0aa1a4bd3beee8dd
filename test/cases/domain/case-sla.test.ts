import { caseFacts, type LogEntry } from '../../../src/cases/domain/case-log';
import { transitionRefusal } from '../../../src/cases/domain/case-transitions';
import { elapsedClock } from '../../../src/cases/domain/sla-clock';
import { policyProblems, ROUTINE_POLICY, URGENT_POLICY } from '../../../src/cases/domain/sla-policy';
import { nextDeadline, slaState } from '../../../src/cases/domain/sla-state';

const MIN = 60_000;
const T0 = Date.parse('2026-12-03T02:00:00Z');
const timers = { clock: elapsedClock, workingDayMs: 9 * 60 * MIN };
const at = (minutes: number) => T0 + minutes * MIN;

function log(...steps: [number, LogEntry['to']][]): LogEntry[] {
  return [{ seq: 1, at: T0 }, ...steps.map(([m, to], i) => ({ seq: i + 2, at: at(m), to }))];
}

describe('case transitions', () => {
  it('refuses a jump the table does not allow, with the states it could go to', () => {
    expect(transitionRefusal('received', 'closed', null)).toMatch(/cannot become closed.*accepted/);
    expect(transitionRefusal('received', 'accepted', null)).toBeNull();
    expect(transitionRefusal('closed', 'reopened', null)).toBeNull();
  });

  it('a case waiting for the resident goes back only where it paused', () => {
    expect(transitionRefusal('waiting_resident', 'on_site', 'dispatched')).toMatch(/goes back to dispatched/);
    expect(transitionRefusal('waiting_resident', 'dispatched', 'dispatched')).toBeNull();
  });
});

describe('SLA from the event log', () => {
  it('an urgent case accepted late has its accept stage missed and its dispatch clock running', () => {
    const facts = caseFacts(log([2, 'accepted']));
    expect(facts.state).toBe('accepted');
    const stages = slaState(facts, URGENT_POLICY, timers, at(3));
    expect(stages.map((s) => [s.stage, s.status])).toEqual([
      ['accept', 'missed'],
      ['dispatch', 'running'],
      ['resolve', 'running'],
    ]);
    const dispatch = stages.find((s) => s.stage === 'dispatch');
    expect(dispatch).toMatchObject({ deadlineAt: at(5), warnAt: at(2 + 2.4) });
    expect(nextDeadline(stages)).toBe(at(5));
  });

  it('time waiting for the resident does not count, and the deadline moves by the pause', () => {
    const facts = caseFacts(log([0.5, 'accepted'], [1, 'waiting_resident'], [61, 'accepted']));
    const stages = slaState(facts, URGENT_POLICY, timers, at(62));
    const dispatch = stages.find((s) => s.stage === 'dispatch');
    // 0.5 min used before the pause; 2.5 min left from minute 61.
    expect(dispatch).toMatchObject({ status: 'running', usedMs: 1.5 * MIN, deadlineAt: at(63.5) });
    const paused = slaState(
      caseFacts(log([0.5, 'accepted'], [1, 'waiting_resident'])),
      URGENT_POLICY,
      timers,
      at(30),
    );
    expect(paused.find((s) => s.stage === 'dispatch')).toMatchObject({ status: 'paused', deadlineAt: null });
  });

  it('a breached stage stays breached with the deadline it passed', () => {
    const stages = slaState(caseFacts(log()), URGENT_POLICY, timers, at(5));
    expect(stages[0]).toMatchObject({ stage: 'accept', status: 'breached', deadlineAt: at(1) });
  });

  it('reopening starts a new round with a fresh accept clock', () => {
    const facts = caseFacts(
      log(
        [0.5, 'accepted'],
        [2, 'dispatched'],
        [8, 'on_site'],
        [60, 'resolved'],
        [70, 'closed'],
        [100, 'reopened'],
      ),
    );
    expect(facts).toMatchObject({ state: 'reopened', round: 2 });
    const stages = slaState(facts, URGENT_POLICY, timers, at(100));
    expect(stages[0]).toMatchObject({ stage: 'accept', status: 'running', deadlineAt: at(101) });
  });

  it('the same log gives the same state and deadlines however often it is read', () => {
    const entries = log([0.5, 'accepted'], [3, 'dispatched']);
    expect(slaState(caseFacts(entries), URGENT_POLICY, timers, at(4))).toEqual(
      slaState(caseFacts([...entries]), URGENT_POLICY, timers, at(4)),
    );
  });
});

describe('SLA policies', () => {
  it('refuses negative or missing times, naming the field', () => {
    expect(policyProblems(URGENT_POLICY)).toEqual([]);
    expect(policyProblems(ROUTINE_POLICY)).toEqual([]);
    const problems = policyProblems({ ...URGENT_POLICY, acceptMinutes: -1, resolveMinutes: null });
    expect(problems.map((p) => p.field)).toEqual(['acceptMinutes', 'resolveMinutes']);
  });
});
