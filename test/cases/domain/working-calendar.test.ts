import { caseFacts } from '../../../src/cases/domain/case-log';
import { chinaWorkingCalendar } from '../../../src/cases/domain/working-calendar';
import { caseSlaRules } from '../../../src/cases/sla/case-sla-rules';
import { createLogger } from '../../../src/logging';
import { workingHoursClock } from '../../../src/cases/domain/sla-clock';
import { ROUTINE_POLICY, stageBudgetMs } from '../../../src/cases/domain/sla-policy';

const calendar = chinaWorkingCalendar();
/** Shanghai wall time as an instant. */
const sh = (local: string) => Date.parse(`${local}+08:00`);
const hours = { startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 };
const clock = workingHoursClock(calendar, hours);
const threeWorkingDays = stageBudgetMs(ROUTINE_POLICY, 'resolve', 9 * 3_600_000) as number;

// Checked against 国务院办公厅关于2025年/2026年部分节假日安排的通知 (published 2024-11-12 and 2025-11-04).
describe('the mainland China working calendar', () => {
  it.each([
    ['2026-02-13', true, 'Friday before Spring Festival'],
    ['2026-02-14', true, 'Saturday made a working day (调休)'],
    ['2026-02-15', false, 'Spring Festival starts'],
    ['2026-02-18', false, 'Spring Festival, a Wednesday'],
    ['2026-02-23', false, 'Spring Festival ends, a Monday'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, 'Saturday made a working day (调休)'],
    ['2026-03-01', false, 'an ordinary Sunday'],
    ['2026-09-19', false, 'an ordinary Saturday'],
    ['2026-09-20', true, 'Sunday made a working day before National Day'],
    ['2026-09-25', false, 'Mid-Autumn Festival, a Friday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'National Day holiday ends, a Wednesday'],
    ['2026-10-08', true, 'back to work, a Thursday'],
    ['2026-10-10', true, 'Saturday made a working day after National Day'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2025-01-26', true, '2025: Sunday made a working day before Spring Festival'],
    ['2025-02-04', false, '2025: Spring Festival ends'],
    ['2025-02-08', true, '2025: Saturday made a working day'],
    ['2025-09-28', true, '2025: Sunday made a working day before National Day'],
    ['2025-10-08', false, '2025: National Day holiday, eighth day (with Mid-Autumn)'],
    ['2025-10-11', true, '2025: Saturday made a working day'],
  ])('%s is a working day: %s (%s)', (day, working) => {
    expect(calendar.isWorkingDay(day)).toBe(working);
  });

  it('names a year with no published schedule, whose days fall back to Monday–Friday', () => {
    expect(calendar.unscheduledYears([2025, 2026, 2027])).toEqual([2027]);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true);
    expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
  });
});

describe('working-hours SLA clock', () => {
  it('3 working days from the afternoon before National Day 2026 end on the make-up Saturday', () => {
    // Sep 30 16:00–17:30 (1.5 h), Oct 1–7 off, Oct 8 and 9 (18 h), Oct 10 make-up Saturday 08:30 + 7.5 h.
    expect(clock.advance(sh('2026-09-30T16:00'), threeWorkingDays)).toBe(sh('2026-10-10T16:00'));
  });

  it('3 working days from the Friday before Spring Festival 2026 count the make-up Saturday and skip the holiday', () => {
    // Feb 13 7.5 h, Feb 14 make-up 9 h, Feb 15–23 off, Feb 24 9 h, Feb 25 08:30 + 1.5 h.
    expect(clock.advance(sh('2026-02-13T10:00'), threeWorkingDays)).toBe(sh('2026-02-25T10:00'));
  });

  it('a complaint phoned in on a Saturday night is accepted by the make-up Sunday morning', () => {
    expect(clock.advance(sh('2026-09-19T22:00'), 60_000)).toBe(sh('2026-09-20T08:31'));
  });

  it('measures only working hours on working days', () => {
    expect(clock.measure(sh('2026-09-30T16:00'), sh('2026-10-08T09:30'))).toBe(2.5 * 3_600_000);
    expect(clock.measure(sh('2026-10-01T00:00'), sh('2026-10-08T00:00'))).toBe(0);
  });
});

describe('SLA in a year without a published schedule', () => {
  it('warns in the case’s SLA and in the log, once per year', () => {
    const warnings: unknown[] = [];
    const logger = createLogger('silent');
    logger.warn = ((obj: unknown) => void warnings.push(obj)) as typeof logger.warn;
    const rules = caseSlaRules({ hours, logger });
    const opened = sh('2027-03-01T10:00');
    const facts = caseFacts([{ seq: 1, at: opened }]);
    const sla = rules.evaluate(facts, ROUTINE_POLICY, opened);
    expect(sla.warnings).toEqual([
      'no published holiday schedule for 2027: its working days are taken as Monday to Friday',
    ]);
    rules.evaluate(facts, ROUTINE_POLICY, opened);
    expect(warnings).toEqual([{ year: 2027 }]);
    expect(
      rules.evaluate(
        caseFacts([{ seq: 1, at: sh('2026-10-09T10:00') }]),
        ROUTINE_POLICY,
        sh('2026-10-09T10:00'),
      ).warnings,
    ).toEqual([]);
  });
});
