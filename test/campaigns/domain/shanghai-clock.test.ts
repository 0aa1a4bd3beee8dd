import {
  isCalendarDate,
  parseTimeOfDay,
  shanghaiDateKey,
  shanghaiDayStartMs,
} from '../../../src/campaigns/domain';
import { sh } from './shanghai-time';

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
    ['', false, null],
  ])('parses %s (end of day allowed: %s) as %s minutes', (value, allowEnd, expected) => {
    expect(parseTimeOfDay(value, allowEnd)).toBe(expected);
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
