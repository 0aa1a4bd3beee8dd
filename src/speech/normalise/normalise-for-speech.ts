import { readDates, readClockTimes } from './dates-and-times';
import { readDigitStrings, readIdentifiers, readPhoneNumbers } from './identifiers';
import { readQuantities, readSeparators, readSignsAndUnits } from './quantities';

/** Full-width digits, letters and ％ as typed by Chinese input methods, and ：/． between digits (9：00, 3．5). */
function narrowFullWidth(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ％]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/(?<=\d)[：．](?=\d)/g, (c) => (c === '：' ? ':' : '.'));
}

/**
 * Rewrites the parts of a message a speech engine would misread into Mandarin as a listener expects it:
 * phone and case numbers digit by digit (1 as 幺), dates and clock times in words, amounts, counts and
 * percentages as Chinese numbers. Chinese text passes through untouched. Order matters: each step turns
 * digits into characters, so later, more general steps only see what earlier, more specific ones left.
 */
export function normaliseForSpeech(text: string): string {
  const steps = [
    narrowFullWidth,
    readPhoneNumbers,
    readIdentifiers,
    readDates,
    readSeparators,
    readClockTimes,
    readDigitStrings,
    readSignsAndUnits,
    readQuantities,
  ];
  return steps.reduce((current, step) => step(current), text).trim();
}
