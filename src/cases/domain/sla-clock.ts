import { DAY_MS, shanghaiDateKey, shanghaiDayStartMs } from '../../time/shanghai-clock';
import type { WorkingCalendar } from './working-calendar';

/** How an SLA counts time: every millisecond, or only working hours on working days. */
export interface SlaClock {
  /** Counted milliseconds between two instants (0 when `toMs` is not after `fromMs`). */
  measure(fromMs: number, toMs: number): number;
  /** The instant when `budgetMs` counted milliseconds have passed since `fromMs`. */
  advance(fromMs: number, budgetMs: number): number;
}

export const elapsedClock: SlaClock = {
  measure: (fromMs, toMs) => Math.max(0, toMs - fromMs),
  advance: (fromMs, budgetMs) => fromMs + Math.max(0, budgetMs),
};

export interface WorkingHours {
  /** Minutes after Shanghai midnight the working day starts and ends (08:30 → 510, 17:30 → 1050). */
  startMinute: number;
  endMinute: number;
}

/** Only the working hours of working days count: a working day is (end − start) of counted time. */
export function workingHoursClock(calendar: WorkingCalendar, hours: WorkingHours): SlaClock {
  const span = (dayStart: number): [number, number] | null =>
    calendar.isWorkingDay(shanghaiDateKey(dayStart))
      ? [dayStart + hours.startMinute * 60_000, dayStart + hours.endMinute * 60_000]
      : null;

  return {
    measure(fromMs, toMs) {
      let counted = 0;
      for (let day = shanghaiDayStartMs(fromMs); day < toMs; day += DAY_MS) {
        const open = span(day);
        if (open) counted += Math.max(0, Math.min(toMs, open[1]) - Math.max(fromMs, open[0]));
      }
      return counted;
    },
    advance(fromMs, budgetMs) {
      let left = Math.max(0, budgetMs);
      // A year of days with no working hour is a broken calendar, not a deadline.
      for (let day = shanghaiDayStartMs(fromMs), n = 0; n < 400; day += DAY_MS, n++) {
        const open = span(day);
        if (!open) continue;
        const from = Math.max(fromMs, open[0]);
        if (from >= open[1]) continue;
        if (left <= open[1] - from) return from + left;
        left -= open[1] - from;
      }
      throw new RangeError('no working hours within 400 days: check the working calendar');
    },
  };
}
