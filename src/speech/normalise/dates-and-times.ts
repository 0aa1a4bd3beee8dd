import { readCardinal, readYear } from './chinese-numbers';

const ISO_DATE = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/g;
const YEAR_MONTH = /(?<!\d)((?:19|20)\d{2})[-/](\d{1,2})(?![\d/-])/g;
const YEAR_RANGE = /(?<!\d)(\d{4})\s*[-~～至到]\s*(\d{4})(?=\s*年(?!级))/g;
const YEAR = /(?<!\d)(\d{4})(?=\s*年(?!级))/g;
const CLOCK = /(?<![\d:])(\d{1,2})[:：](\d{2})(?::(\d{2}))?(?![\d:])/g;

function validDate(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** 2026-12-01, 2026/12/1 and 2026.12.01 → 二〇二六年十二月一日; 2026年 → 二〇二六年; 2026-12 → 二〇二六年十二月. */
export function readDates(text: string): string {
  return text
    .replace(ISO_DATE, (match, year: string, _sep, month: string, day: string) =>
      validDate(Number(month), Number(day))
        ? `${readYear(year)}年${readCardinal(month)}月${readCardinal(day)}日`
        : match,
    )
    .replace(YEAR_MONTH, (match, year: string, month: string) =>
      validDate(Number(month), 1) ? `${readYear(year)}年${readCardinal(month)}月` : match,
    )
    .replace(YEAR_RANGE, (_m, from: string, to: string) => `${readYear(from)}至${readYear(to)}`)
    .replace(YEAR, (_m, year: string) => readYear(year));
}

/**
 * Clock times as written, on the 24-hour clock, without guessing 上午/下午: 9:00 → 九点, 14:30 → 十四点三十分,
 * 9:05 → 九点零五分, 2:00 → 两点. Text that already says 下午 keeps it: 下午2:30 → 下午两点三十分.
 */
export function readClockTimes(text: string): string {
  return text.replace(CLOCK, (match, h: string, m: string, s: string | undefined) => {
    const hours = Number(h);
    const minutes = Number(m);
    const seconds = Number(s ?? '0');
    if (hours > 24 || minutes > 59 || seconds > 59) return match;
    let spoken = `${hours === 2 ? '两' : readCardinal(h)}点`;
    if (minutes > 0 || seconds > 0) spoken += `${readTwoDigits(m)}分`;
    if (seconds > 0) spoken += `${readTwoDigits(s ?? '0')}秒`;
    return spoken;
  });
}

/** Minutes and seconds keep their leading zero: 05 → 零五, 00 → 零, 30 → 三十. */
function readTwoDigits(digits: string): string {
  return digits.length === 2 && digits.startsWith('0') && digits !== '00'
    ? `零${readCardinal(digits)}`
    : readCardinal(digits);
}
