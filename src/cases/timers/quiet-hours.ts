import { parseTimeOfDay, shanghaiDayStartMs, shanghaiMinuteOfDay } from '../../time/shanghai-clock';

/** Hours in which residents are not called (Shanghai time); the span may cross midnight. */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** "21:00-08:00" as the env schema has checked it. */
export function parseQuietHours(value: string): QuietHours {
  const [start = '', end = ''] = value.split('-');
  return { startMinute: parseTimeOfDay(start) ?? 0, endMinute: parseTimeOfDay(end, true) ?? 0 };
}

/** `at` itself when a resident may be called then, else the end of the quiet hours. */
export function firstCallableAt(at: number, quiet: QuietHours): number {
  const minute = shanghaiMinuteOfDay(at);
  const { startMinute: s, endMinute: e } = quiet;
  if (s === e) return at;
  const crossesMidnight = s > e;
  const inside = crossesMidnight ? minute >= s || minute < e : minute >= s && minute < e;
  if (!inside) return at;
  const dayStart = shanghaiDayStartMs(at);
  const endToday = dayStart + e * 60_000;
  return crossesMidnight && minute >= s ? endToday + 24 * 3_600_000 : endToday;
}
