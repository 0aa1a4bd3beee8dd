const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 0..99 in Chinese numerals, as spoken: 十, 十五, 二十, 二十三. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`${n} is outside 0..99`);
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) return DIGITS[units] ?? '';
  const unitsText = units === 0 ? '' : (DIGITS[units] ?? '');
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${unitsText}`;
}
