/**
 * Administrative division codes: GB/T 2260's 6 digits (province 2, prefecture 2, county 2) and the
 * statistics bureau's 12-digit 统计用区划代码 (county 6, town 3, village 3). A code names every
 * place whose code starts with its significant digits: 410000 (河南省) covers 410102 and
 * 410102001001; 330102001000 (a town) covers its villages 330102001001 ….
 */
const LEVEL_LENGTHS = [2, 4, 6, 9, 12] as const;
const DIVISION_CODE = /^(\d{6}|\d{9}|\d{12})$/;

export function isDivisionCode(code: string): boolean {
  return DIVISION_CODE.test(code.trim());
}

/** The digits that matter: the code without its all-zero lower levels; undefined when it is not a code. */
export function significantPrefix(code: string): string | undefined {
  const digits = code.trim();
  if (!isDivisionCode(digits) || /^0+$/.test(digits)) return undefined;
  const length = LEVEL_LENGTHS.find((n) => n <= digits.length && /^0*$/.test(digits.slice(n)));
  return digits.slice(0, length ?? digits.length);
}

/** Whether the alert's area code covers a place with this code (a village's, a town's). */
export function areaCodeCovers(alertCode: string, placeCode: string): boolean {
  const alert = significantPrefix(alertCode);
  const place = significantPrefix(placeCode);
  return alert !== undefined && place !== undefined && place.startsWith(alert);
}
