/**
 * Wall-clock arithmetic in Asia/Shanghai, the time villages keep. China has kept UTC+8 without daylight
 * saving since 1991, so a fixed offset is exact and keeps every rule independent of the server's TZ.
 * Instants are epoch milliseconds.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Epoch milliseconds of 00:00 Shanghai time on the Shanghai calendar day containing `instantMs`. */
export function shanghaiDayStartMs(instantMs: number): number {
  return Math.floor((instantMs + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Minutes since Shanghai midnight, 0..1439. */
export function shanghaiMinuteOfDay(instantMs: number): number {
  return Math.floor((instantMs - shanghaiDayStartMs(instantMs)) / 60_000);
}

/** The Shanghai calendar date containing `instantMs`, as YYYY-MM-DD. */
export function shanghaiDateKey(instantMs: number): string {
  return new Date(instantMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai calendar month (1..12) and day of `instantMs`. */
export function shanghaiMonthAndDay(instantMs: number): { month: number; day: number } {
  const local = new Date(instantMs + SHANGHAI_OFFSET_MS);
  return { month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/**
 * Minutes after midnight for "HH:MM" (24-hour). "24:00" is accepted only when `allowMidnightEnd` is set,
 * because it names the end of a day, never a start. Returns null for anything else.
 */
export function parseTimeOfDay(value: string, allowMidnightEnd = false): number | null {
  if (allowMidnightEnd && value === '24:00') return 24 * 60;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}
