const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const PLACES = ['千', '百', '十', ''] as const;
const GROUPS = ['', '万', '亿', '万亿'] as const;

function digit(d: string, names: readonly string[] = DIGITS): string {
  return names[Number(d)] ?? d;
}

/** 1 is 幺 so that it is not heard as 七 on a narrowband line, the way Chinese operators read numbers aloud. */
const IDENTIFIER_DIGITS = ['零', '幺', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const YEAR_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** Phone and case numbers, digit by digit: 13800138000 → 幺三八零零幺三八零零零. Non-digits are dropped. */
export function readIdentifierDigits(digits: string): string {
  return [...digits.replace(/\D/g, '')].map((d) => digit(d, IDENTIFIER_DIGITS)).join('');
}

/** Years, digit by digit with 〇 as written in dates: 2026 → 二〇二六. */
export function readYear(digits: string): string {
  return [...digits].map((d) => digit(d, YEAR_DIGITS)).join('');
}

/** Digits after a decimal point: 05 → 零五. */
function readPlainDigits(digits: string): string {
  return [...digits].map((d) => digit(d)).join('');
}

/**
 * A whole number as a quantity: 2300 → 两千三百, 10500 → 一万零五百, 15 → 十五, 110 → 一百一十.
 * 2 is read 两 before 百 and 千, as the leading digit before 万 and 亿, and as a whole number before a
 * measure word (两个, 两人); otherwise 二 (二十, 十二, 第二). Numbers beyond 万亿 are read digit by digit.
 */
export function readCardinal(digits: string, beforeMeasureWord = false): string {
  const significant = digits.replace(/^0+/, '');
  if (significant === '') return '零';
  if (significant.length > 16) return readPlainDigits(significant);
  if (significant === '2' && beforeMeasureWord) return '两';

  const padded = significant.padStart(Math.ceil(significant.length / 4) * 4, '0');
  const groups = padded.match(/\d{4}/g) ?? [];
  let spoken = '';
  let skippedZeros = false;
  groups.forEach((group, index) => {
    const unit = GROUPS[groups.length - 1 - index] ?? '';
    if (group === '0000') {
      skippedZeros = spoken !== '';
      return;
    }
    if (spoken !== '' && (skippedZeros || group.startsWith('0'))) spoken += '零';
    skippedZeros = false;
    spoken += spoken === '' && group === '0002' && unit !== '' ? '两' : readGroup(group);
    spoken += unit;
  });
  // 十五 and 十万, not 一十五: a leading 1 in the tens place is silent.
  return spoken.startsWith('一十') ? spoken.slice(1) : spoken;
}

/** Four digits below 万: 0500 → 五百 (the caller adds a leading 零 where one is needed). */
function readGroup(group: string): string {
  let spoken = '';
  let zeroPending = false;
  [...group].forEach((d, i) => {
    const place = PLACES[i] ?? '';
    if (d === '0') {
      zeroPending = spoken !== '';
      return;
    }
    if (zeroPending) spoken += '零';
    zeroPending = false;
    spoken += (d === '2' && (place === '千' || place === '百') ? '两' : digit(d)) + place;
  });
  return spoken;
}

/** 12.5 → 十二点五, 0.05 → 零点零五. */
export function readDecimal(integerPart: string, fractionPart: string): string {
  return `${readCardinal(integerPart)}点${readPlainDigits(fractionPart)}`;
}
