import schedule from 'chinese-days/dist/chinese-days.json';
import { DAY_MS, shanghaiDateKey } from '../../time/shanghai-clock';

/** Which Shanghai calendar days are working days. */
export interface WorkingCalendar {
  isWorkingDay(dateKey: string): boolean;
  /** Years among these that have no published schedule: their days fall back to Monday–Friday. */
  unscheduledYears(years: readonly number[]): number[];
}

interface PublishedSchedule {
  /** Statutory holidays (days off, 放假). */
  holidays: Record<string, string>;
  /** Make-up working days on a weekend (调休上班). */
  workdays: Record<string, string>;
}

/**
 * Mainland China's working days: Monday–Friday, minus the State Council's statutory holidays, plus
 * its make-up working days (调休), as published in the `chinese-days` package (one file per year,
 * updated when the State Council publishes the next year's schedule, usually in November).
 */
export function chinaWorkingCalendar(published: PublishedSchedule = schedule): WorkingCalendar {
  const years = new Set(Object.keys(published.holidays).map((day) => Number(day.slice(0, 4))));
  return {
    isWorkingDay(dateKey) {
      if (dateKey in published.workdays) return true;
      if (dateKey in published.holidays) return false;
      const weekday = new Date(`${dateKey}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
    unscheduledYears: (asked) => [...new Set(asked)].filter((year) => !years.has(year)).sort((a, b) => a - b),
  };
}

/** The Shanghai calendar years an interval touches, for the unscheduled-year warning. */
export function yearsBetween(fromMs: number, toMs: number): number[] {
  const first = Number(shanghaiDateKey(fromMs).slice(0, 4));
  const last = Number(shanghaiDateKey(Math.max(fromMs, toMs) + DAY_MS).slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
