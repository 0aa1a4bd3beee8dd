import type { CallingWindow } from './campaign-definition';
import { DAY_MS, parseTimeOfDay, shanghaiDateKey, shanghaiDayStartMs } from '../../time/shanghai-clock';

interface ParsedWindow {
  startMs: number;
  endMs: number;
  excluded: ReadonlySet<string>;
}

function parseWindow(window: CallingWindow): ParsedWindow {
  const start = parseTimeOfDay(window.start, false);
  const end = parseTimeOfDay(window.end, true);
  if (start === null || end === null || start >= end) {
    throw new RangeError(
      `calling window ${window.start}-${window.end} is invalid; validate the campaign first`,
    );
  }
  return { startMs: start * 60_000, endMs: end * 60_000, excluded: new Set(window.excludedDates) };
}

/** The window on the Shanghai day starting at `dayStartMs`, or null when that date is excluded. */
function dayWindow(dayStartMs: number, parsed: ParsedWindow): { opensMs: number; closesMs: number } | null {
  if (parsed.excluded.has(shanghaiDateKey(dayStartMs))) return null;
  return { opensMs: dayStartMs + parsed.startMs, closesMs: dayStartMs + parsed.endMs };
}

/** Whether a call may start at `now` (start inclusive, end exclusive, Shanghai time). */
export function isWithinWindow(now: Date, window: CallingWindow): boolean {
  const parsed = parseWindow(window);
  const t = now.getTime();
  const today = dayWindow(shanghaiDayStartMs(t), parsed);
  return today !== null && t >= today.opensMs && t < today.closesMs;
}

/** The earliest instant at or after `now` when a call may start: `now` itself inside the window. */
export function nextWindowOpening(now: Date, window: CallingWindow): Date {
  const parsed = parseWindow(window);
  const t = now.getTime();
  const firstDay = shanghaiDayStartMs(t);
  // Every excluded date can cost one day, so this many days always contains an open window.
  for (let day = 0; day <= parsed.excluded.size + 1; day += 1) {
    const open = dayWindow(firstDay + day * DAY_MS, parsed);
    if (open !== null && t < open.closesMs) return new Date(Math.max(t, open.opensMs));
  }
  throw new Error('unreachable: a valid window opens within excludedDates + 2 days');
}

/** When the window `now` is in closes; null when `now` is outside the window. */
export function windowClosing(now: Date, window: CallingWindow): Date | null {
  const parsed = parseWindow(window);
  const t = now.getTime();
  const today = dayWindow(shanghaiDayStartMs(t), parsed);
  if (today === null || t < today.opensMs || t >= today.closesMs) return null;
  return new Date(today.closesMs);
}

/**
 * The instant by which `callingMs` of time inside the window has passed, counting from `from`. Used to
 * turn "needs 5 hours of calling" into a date and time on the calendar.
 */
export function addCallingTime(from: Date, callingMs: number, window: CallingWindow): Date {
  if (callingMs <= 0) return from;
  let remaining = callingMs;
  let cursor = nextWindowOpening(from, window);
  for (;;) {
    const closes = windowClosing(cursor, window);
    if (closes === null) throw new Error('unreachable: nextWindowOpening returned a closed instant');
    const available = closes.getTime() - cursor.getTime();
    if (remaining <= available) return new Date(cursor.getTime() + remaining);
    remaining -= available;
    cursor = nextWindowOpening(closes, window);
  }
}
