import {
  isCalendarDate,
  parseTimeOfDay,
  shanghaiDateKey,
  shanghaiDayStartMs,
  shanghaiMinuteOfDay,
  shanghaiMonthAndDay,
} from '../../src/time/shanghai-clock';
import { sh } from '../support/shanghai-time';

describe('Shanghai wall clock', () => {
  it.each([
    ['2024-05-01 07:59', '2024-05-01'],
    // 23:30 UTC on 30 April is already 1 May in the village.
    ['2024-05-01 07:30', '2024-05-01'],
    ['2024-04-30 23:59', '2024-04-30'],
    ['2024-05-01 00:00', '2024-05-01'],
  ])('%s Shanghai falls on %s', (wall, date) => {
    expect(shanghaiDateKey(sh(wall).getTime())).toBe(date);
  });

  it('puts the start of the day at Shanghai midnight, i.e. 16:00 UTC the day before', () => {
    expect(new Date(shanghaiDayStartMs(sh('2024-05-01 13:45').getTime())).toISOString()).toBe(
      '2024-04-30T16:00:00.000Z',
    );
  });

  it('puts 16:30 UTC at half past midnight on the next local day', () => {
    const t = Date.parse('2024-05-06T16:30:00Z');
    expect(shanghaiMinuteOfDay(t)).toBe(30);
    expect(shanghaiDayStartMs(t)).toBe(Date.parse('2024-05-06T16:00:00Z'));
    expect(shanghaiMonthAndDay(t)).toEqual({ month: 5, day: 7 });
  });

  it('counts minutes from Shanghai midnight for instants before 1970 too', () => {
    expect(shanghaiMinuteOfDay(sh('1969-12-31 23:59').getTime())).toBe(1439);
  });

  it.each([
    ['08:00', false, 480],
    ['20:30', false, 1230],
    ['00:00', false, 0],
    ['23:59', false, 1439],
    ['24:00', true, 1440],
    ['24:00', false, null],
    ['8:00', false, null],
    ['08:60', false, null],
    ['25:00', true, null],
    ['0800', false, null],
    [' 08:00', false, null],
    ['', false, null],
  ])('parses %s (end of day allowed: %s) as %s minutes', (value, allowEnd, expected) => {
    expect(parseTimeOfDay(value, allowEnd)).toBe(expected);
  });

  it('rejects 24:00 unless told it is an end', () => {
    expect(parseTimeOfDay('24:00')).toBeNull();
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-02-30', false],
    ['2024-13-01', false],
    ['2024-5-1', false],
    ['not a date', false],
  ])('calendar date %s is valid: %s', (value, valid) => {
    expect(isCalendarDate(value)).toBe(valid);
  });
});
