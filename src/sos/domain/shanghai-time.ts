/**
 * Villages keep China Standard Time: UTC+8 all year, no daylight saving. Computing it from the
 * offset keeps the rules independent of the server's time zone.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Minutes since local midnight, 0..1439. */
export function shanghaiMinuteOfDay(at: number): number {
  return Math.floor(((((at + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** The instant of the local midnight that starts `at`'s day. */
export function shanghaiStartOfDay(at: number): number {
  return Math.floor((at + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** "08:00" → 480; null unless it is HH:MM on a 24-hour clock. */
export function parseClockTime(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Local calendar month (1..12) and day of `at`. */
export function shanghaiDate(at: number): { month: number; day: number } {
  const local = new Date(at + OFFSET_MS);
  return { month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}
