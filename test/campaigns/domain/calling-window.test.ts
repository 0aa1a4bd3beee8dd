import {
  addCallingTime,
  type CallingWindow,
  isWithinWindow,
  nextWindowOpening,
  windowClosing,
} from '../../../src/campaigns/domain';
import { sh } from '../../support/shanghai-time';

const daytime: CallingWindow = { start: '08:00', end: '20:30', excludedDates: [] };
const allDay: CallingWindow = { start: '00:00', end: '24:00', excludedDates: [] };

describe('isWithinWindow', () => {
  it.each([
    ['2024-05-01 07:59:59', daytime, false],
    ['2024-05-01 08:00', daytime, true],
    ['2024-05-01 12:00', daytime, true],
    ['2024-05-01 20:29:59', daytime, true],
    ['2024-05-01 20:30', daytime, false],
    ['2024-05-01 23:00', daytime, false],
    ['2024-05-01 03:00', daytime, false],
    ['2024-05-01 00:00', allDay, true],
    ['2024-05-01 23:59:59', allDay, true],
    ['2024-05-01 12:00', { ...daytime, excludedDates: ['2024-05-01'] }, false],
    ['2024-05-02 12:00', { ...daytime, excludedDates: ['2024-05-01'] }, true],
  ])('at %s: %s', (wall, window, expected) => {
    expect(isWithinWindow(sh(wall), window)).toBe(expected);
  });

  it('judges by Shanghai time, not the machine time zone', () => {
    const original = process.env.TZ;
    const instant = sh('2024-05-01 08:30');
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect(isWithinWindow(instant, daytime)).toBe(true);
        expect(nextWindowOpening(sh('2024-05-01 21:00'), daytime)).toEqual(sh('2024-05-02 08:00'));
      }
    } finally {
      process.env.TZ = original;
    }
  });

  it('rejects a window that validation would reject instead of guessing', () => {
    expect(() =>
      isWithinWindow(sh('2024-05-01 12:00'), { start: '22:00', end: '06:00', excludedDates: [] }),
    ).toThrow(RangeError);
  });
});

describe('nextWindowOpening', () => {
  it.each([
    ['inside: now itself', '2024-05-01 10:15', daytime, '2024-05-01 10:15'],
    ['before opening: this morning', '2024-05-01 06:00', daytime, '2024-05-01 08:00'],
    ['at closing: tomorrow morning', '2024-05-01 20:30', daytime, '2024-05-02 08:00'],
    ['late evening: tomorrow morning', '2024-05-01 23:59', daytime, '2024-05-02 08:00'],
    [
      'excluded today: the next day',
      '2024-05-01 06:00',
      { ...daytime, excludedDates: ['2024-05-01'] },
      '2024-05-02 08:00',
    ],
    [
      'several excluded days in a row',
      '2024-05-01 21:00',
      { ...daytime, excludedDates: ['2024-05-02', '2024-05-03', '2024-05-04'] },
      '2024-05-05 08:00',
    ],
    ['across a month end', '2024-01-31 21:00', daytime, '2024-02-01 08:00'],
    ['all-day window: now', '2024-05-01 03:00', allDay, '2024-05-01 03:00'],
  ])('%s', (_case, wall, window, expected) => {
    expect(nextWindowOpening(sh(wall), window)).toEqual(sh(expected));
  });
});

describe('windowClosing', () => {
  it.each([
    ['2024-05-01 10:00', daytime, '2024-05-01 20:30'],
    ['2024-05-01 21:00', daytime, null],
    ['2024-05-01 10:00', allDay, '2024-05-02 00:00'],
  ])('at %s closes at %s', (wall, window, expected) => {
    expect(windowClosing(sh(wall), window)).toEqual(expected === null ? null : sh(expected));
  });
});

describe('addCallingTime', () => {
  const hours = (n: number): number => n * 3_600_000;
  it.each([
    ['fits in today', '2024-05-01 09:00', hours(2), daytime, '2024-05-01 11:00'],
    ['ends exactly at closing', '2024-05-01 18:30', hours(2), daytime, '2024-05-01 20:30'],
    ['spills into tomorrow', '2024-05-01 19:30', hours(2), daytime, '2024-05-02 09:00'],
    ['starts before opening', '2024-05-01 05:00', hours(1), daytime, '2024-05-01 09:00'],
    [
      'skips an excluded day',
      '2024-05-01 19:30',
      hours(2),
      { ...daytime, excludedDates: ['2024-05-02'] },
      '2024-05-03 09:00',
    ],
    // 12.5 h a day: 30 h is two full days and 5 h of the third.
    ['runs for days', '2024-05-01 08:00', hours(30), daytime, '2024-05-03 13:00'],
    ['nothing to do', '2024-05-01 22:00', 0, daytime, '2024-05-01 22:00'],
  ])('%s', (_case, wall, ms, window, expected) => {
    expect(addCallingTime(sh(wall), ms, window)).toEqual(sh(expected));
  });
});
