import { parseTimeOfDay, shanghaiMinuteOfDay } from '../../time/shanghai-clock';

/** When normal broadcasts keep silent, as minutes of the Shanghai day; `start` after `end` spans midnight. */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** "22:00-07:00" as quiet hours, or null when it is not two HH:MM times. */
export function parseQuietHours(text: string): QuietHours | null {
  const [start, end, extra] = text.split('-');
  if (start === undefined || end === undefined || extra !== undefined) return null;
  const startMinute = parseTimeOfDay(start.trim());
  const endMinute = parseTimeOfDay(end.trim(), true);
  if (startMinute === null || endMinute === null || startMinute === endMinute) return null;
  return { startMinute, endMinute };
}

export function inQuietHours(instantMs: number, quiet: QuietHours): boolean {
  const minute = shanghaiMinuteOfDay(instantMs);
  return quiet.startMinute < quiet.endMinute
    ? minute >= quiet.startMinute && minute < quiet.endMinute
    : minute >= quiet.startMinute || minute < quiet.endMinute;
}
