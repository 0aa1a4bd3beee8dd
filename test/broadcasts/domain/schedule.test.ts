import {
  nextCronFire,
  occurrenceDecision,
  occurrenceMinute,
  readSchedule,
  type Schedule,
} from '../../../src/broadcasts/domain/schedule';
import { parseQuietHours, type QuietHours } from '../../../src/broadcasts/domain/quiet-hours';

/** An instant given as Shanghai wall-clock time. */
const shanghai = (local: string) => new Date(`${local}+08:00`).getTime();
const QUIET = parseQuietHours('22:00-07:00') as QuietHours;

const daily = (overrides: Partial<Extract<Schedule, { kind: 'recurring' }>> = {}): Schedule => ({
  kind: 'recurring',
  cron: '0 8 * * *',
  startAt: null,
  endAt: new Date(shanghai('2026-12-31T23:59:00')),
  skipHolidays: false,
  ...overrides,
});

describe('when a broadcast fires', () => {
  it('a daily 08:00 notice fires at 08:00 Shanghai time the next morning, whatever the server zone', () => {
    const now = shanghai('2026-09-30T09:15:00');
    expect(new Date(nextCronFire('0 8 * * *', now) as number).toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });

  it('an occurrence belongs to the minute it fires in, so two workers agree on it', () => {
    const a = occurrenceMinute(shanghai('2026-10-12T08:00:00.120'));
    const b = occurrenceMinute(shanghai('2026-10-12T08:00:59.900'));
    expect(a.getTime()).toBe(b.getTime());
    expect(a.toISOString()).toBe('2026-10-12T00:00:00.000Z');
  });

  it('skips National Day when holidays are skipped, but plays on the make-up working Saturday', () => {
    const broadcast = { priority: 'normal' as const, schedule: daily({ skipHolidays: true }) };
    expect(occurrenceDecision(broadcast, shanghai('2026-10-01T08:00:00'), QUIET)).toEqual({
      play: false,
      reason: 'holiday',
    });
    expect(occurrenceDecision(broadcast, shanghai('2026-10-10T08:00:00'), QUIET)).toEqual({ play: true });
    expect(occurrenceDecision(broadcast, shanghai('2026-10-12T08:00:00'), QUIET)).toEqual({ play: true });
  });

  it('plays on holidays when the cadre did not ask to skip them', () => {
    const broadcast = { priority: 'normal' as const, schedule: daily() };
    expect(occurrenceDecision(broadcast, shanghai('2026-10-01T08:00:00'), QUIET)).toEqual({ play: true });
  });

  it('stops after its end date', () => {
    const broadcast = {
      priority: 'normal' as const,
      schedule: daily({ endAt: new Date(shanghai('2026-10-05T00:00:00')) }),
    };
    expect(occurrenceDecision(broadcast, shanghai('2026-10-06T08:00:00'), QUIET)).toEqual({
      play: false,
      reason: 'ended',
    });
  });

  it('keeps a normal broadcast silent in quiet hours, but not an emergency', () => {
    const late = { kind: 'now' } as const;
    expect(
      occurrenceDecision({ priority: 'normal', schedule: late }, shanghai('2026-10-12T23:10:00'), QUIET),
    ).toEqual({
      play: false,
      reason: 'quiet-hours',
    });
    expect(
      occurrenceDecision({ priority: 'normal', schedule: late }, shanghai('2026-10-12T06:59:00'), QUIET).play,
    ).toBe(false);
    expect(
      occurrenceDecision({ priority: 'normal', schedule: late }, shanghai('2026-10-12T07:00:00'), QUIET).play,
    ).toBe(true);
    expect(
      occurrenceDecision({ priority: 'emergency', schedule: late }, shanghai('2026-10-12T23:10:00'), QUIET)
        .play,
    ).toBe(true);
  });
});

describe('reading a schedule', () => {
  const now = shanghai('2026-12-03T10:00:00');

  it('is now when none is given', () => {
    expect(readSchedule(undefined, now)).toEqual({ schedule: { kind: 'now' }, problems: [] });
  });

  it('refuses a time in the past', () => {
    const { schedule, problems } = readSchedule({ at: '2026-12-03T09:00:00+08:00' }, now);
    expect(schedule).toBeNull();
    expect(problems).toEqual([{ field: 'schedule.at', reason: 'is in the past' }]);
  });

  it('refuses a malformed cron, naming the field', () => {
    for (const cron of ['61 8 * * *', 'every morning', '0 8 * *']) {
      const { problems } = readSchedule({ cron, endAt: '2026-12-31T00:00:00+08:00' }, now);
      expect(problems.map((p) => p.field)).toEqual(['schedule.cron']);
    }
  });

  it('needs an end date for a recurring broadcast, after its start', () => {
    expect(readSchedule({ cron: '0 8 * * *' }, now).problems).toEqual([
      { field: 'schedule.endAt', reason: 'required for a recurring broadcast' },
    ]);
    expect(
      readSchedule({ cron: '0 8 * * *', endAt: '2026-12-01T00:00:00+08:00' }, now).problems[0]?.field,
    ).toBe('schedule.endAt');
  });

  it('reads a daily notice with holidays skipped', () => {
    const { schedule } = readSchedule(
      { cron: '30 7 * * 1-5', endAt: '2027-06-30T00:00:00+08:00', skipHolidays: true },
      now,
    );
    expect(schedule).toMatchObject({ kind: 'recurring', cron: '30 7 * * 1-5', skipHolidays: true });
  });
});
