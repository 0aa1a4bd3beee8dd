const DAY_MS = 86_400_000;

/** The Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(ms: number): string {
  return new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
}

/** Midnight in Shanghai of a YYYY-MM-DD day. */
export function shanghaiMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** The Monday (Shanghai) of the week holding `ms`, at midnight: villages plan by the week. */
export function weekStart(ms: number): number {
  const day = shanghaiDay(ms);
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return shanghaiMidnight(day) - weekday * DAY_MS;
}

/** The seven Shanghai days of the week starting at `startMs`. */
export function weekDays(startMs: number): { day: string; fromMs: number }[] {
  return Array.from({ length: 7 }, (_, i) => ({
    day: shanghaiDay(startMs + i * DAY_MS + 12 * 3600_000),
    fromMs: startMs + i * DAY_MS,
  }));
}

export const WEEK_MS = 7 * DAY_MS;
