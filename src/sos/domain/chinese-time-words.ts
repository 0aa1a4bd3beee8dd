import { readCardinal } from '../../speech/normalise/chinese-numbers';
import {
  DAY_MS,
  shanghaiDayStartMs,
  shanghaiMinuteOfDay,
  shanghaiMonthAndDay,
} from '../../time/shanghai-clock';

const PERIODS: readonly { untilHour: number; word: string }[] = [
  { untilHour: 5, word: '凌晨' },
  { untilHour: 9, word: '早上' },
  { untilHour: 12, word: '上午' },
  { untilHour: 13, word: '中午' },
  { untilHour: 18, word: '下午' },
  { untilHour: 24, word: '晚上' },
];

/** The local (China Standard Time) clock time as said aloud: 15:20 → 下午三点二十分, 09:05 → 上午九点零五分. */
export function chineseClockTime(at: number): string {
  const minuteOfDay = shanghaiMinuteOfDay(at);
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  const period = PERIODS.find((p) => hour < p.untilHour)?.word ?? '';
  return `${period}${hourWords(hour)}${minuteWords(minute)}`;
}

/**
 * A past moment as said in a message heard at `now`: the clock time, with 昨天 or the date in front
 * when it was not today (a press at 23:59 may be announced after midnight).
 */
export function chineseMomentWords(at: number, now: number): string {
  const daysBefore = Math.round((shanghaiDayStartMs(now) - shanghaiDayStartMs(at)) / DAY_MS);
  const { month, day } = shanghaiMonthAndDay(at);
  const dayWords = daysBefore === 0 ? '' : daysBefore === 1 ? '昨天' : `${month}月${day}日`;
  return `${dayWords}${chineseClockTime(at)}`;
}

function hourWords(hour: number): string {
  if (hour === 0) return '零点';
  const twelveHour = hour > 12 ? hour - 12 : hour;
  // 2 o'clock is 两点, never 二点.
  return `${twelveHour === 2 ? '两' : readCardinal(String(twelveHour))}点`;
}

function minuteWords(minute: number): string {
  if (minute === 0) return '整';
  return `${minute < 10 ? '零' : ''}${readCardinal(String(minute))}分`;
}
