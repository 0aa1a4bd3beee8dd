import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';

export type PhoneParseResult = { ok: true; e164: string } | { ok: false; reason: string };

// Types a household can be called on; service numbers (400/800, 95xxx) are not someone's phone.
const CALLABLE_TYPES: ReadonlySet<NumberType> = new Set(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE']);

/**
 * Validates a phone number with mainland China numbering rules (the full libphonenumber metadata,
 * not just lengths) and returns it in E.164. Accepts 13800138000, +86 138 0013 8000, 0571-8888 8888.
 */
export function parseChinesePhoneNumber(input: string): PhoneParseResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty phone number' };
  if (/^\d(\.\d+)?e\+?\d+$/i.test(text)) {
    return {
      ok: false,
      reason: 'looks like a number a spreadsheet turned into scientific notation; format the column as text',
    };
  }
  const parsed = parsePhoneNumberFromString(text, 'CN');
  if (!parsed) return { ok: false, reason: 'not a phone number' };
  if (parsed.countryCallingCode !== '86') return { ok: false, reason: 'not a mainland China number (+86)' };
  // With the full metadata a number is valid exactly when it has a type; asking once halves the cost of
  // checking a city's file (isValid() works the type out too).
  const type = parsed.getType();
  if (type === undefined) {
    const digits = text.replace(/\D/g, '');
    if (/^[2-9]\d{6,7}$/.test(digits)) {
      return { ok: false, reason: 'a landline needs its area code, e.g. 0571-88888888' };
    }
    return {
      ok: false,
      reason:
        'not a valid Chinese number (mobile: 11 digits starting with 1; landline: area code + 7-8 digits)',
    };
  }
  if (!CALLABLE_TYPES.has(type)) {
    return { ok: false, reason: 'a service number (e.g. 400/800), not a mobile or landline' };
  }
  return { ok: true, e164: parsed.number };
}
