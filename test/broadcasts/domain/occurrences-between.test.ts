import { occurrencesBetween } from '../../../src/broadcasts/domain/occurrences-between';

const shanghai = (text: string) => Date.parse(`${text}+08:00`);
const week = { from: shanghai('2026-09-28T00:00:00'), to: shanghai('2026-10-05T00:00:00') };
const base = { startAt: null, cron: null, endAt: null, skipHolidays: false, createdAt: new Date(0) };

describe('the occurrences of a broadcast in a week (the calendar)', () => {
  it('a one-off broadcast shows once, at its time, only in its week', () => {
    const at = new Date(shanghai('2026-09-30T09:30:00'));
    expect(occurrencesBetween({ ...base, startAt: at }, week.from, week.to)).toEqual([at.getTime()]);
    expect(occurrencesBetween({ ...base, startAt: at }, week.to, week.to + 7 * 86_400_000)).toEqual([]);
  });

  it('a broadcast sent at once shows when it was created', () => {
    const createdAt = new Date(shanghai('2026-10-01T07:00:00'));
    expect(occurrencesBetween({ ...base, createdAt }, week.from, week.to)).toEqual([createdAt.getTime()]);
  });

  it('a daily broadcast at 8:00 Shanghai shows every day between its start and its end', () => {
    const days = occurrencesBetween(
      {
        ...base,
        cron: '0 8 * * *',
        startAt: new Date(shanghai('2026-09-29T00:00:00')),
        endAt: new Date(shanghai('2026-10-02T12:00:00')),
      },
      week.from,
      week.to,
    );
    expect(days.map((d) => new Date(d).toISOString())).toEqual([
      '2026-09-29T00:00:00.000Z',
      '2026-09-30T00:00:00.000Z',
      '2026-10-01T00:00:00.000Z',
      '2026-10-02T00:00:00.000Z',
    ]);
  });

  it('one that skips holidays leaves out the National Day holiday', () => {
    const days = occurrencesBetween(
      { ...base, cron: '0 8 * * *', endAt: new Date(week.to), skipHolidays: true },
      week.from,
      week.to,
    );
    expect(days.map((d) => new Date(d).toISOString().slice(0, 10))).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
    ]);
  });
});
