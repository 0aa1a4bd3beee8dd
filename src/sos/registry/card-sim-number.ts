import { parseChinesePhoneNumber } from '../../directory/phone';

/** China's 13-digit machine-to-machine ranges (1440…, 1064…), which libphonenumber does not know. */
const IOT_NUMBER = /^(?:\+?86)?(14[0-9]\d{10}|106\d{10})$/;

export type SimNumberResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * A card's SIM number in E.164. Love cards ship with ordinary mobile SIMs or with IoT SIMs whose
 * 13-digit numbers are not in the public numbering plan; both must be registrable, because an SOS
 * call is matched to the elder by this number.
 */
export function parseCardSimNumber(input: string): SimNumberResult {
  const digits = input.trim().replace(/[\s-]/g, '');
  const iot = IOT_NUMBER.exec(digits)?.[1];
  if (iot !== undefined) return { ok: true, e164: `+86${iot}` };
  const phone = parseChinesePhoneNumber(input);
  return phone.ok ? phone : { ok: false, reason: `${phone.reason}; or a 13-digit IoT SIM number` };
}

/**
 * The caller number Asterisk reports for an inbound call, in E.164, or null when it is no number
 * (withheld, empty). Carriers deliver it as 13912345678, 8613912345678, +8613912345678 or 008613….
 */
export function normaliseCallerNumber(caller: string): string | null {
  const digits = caller.trim().replace(/[^\d+]/g, '');
  if (digits === '' || digits === '+') return null;
  const candidates = [digits];
  if (digits.startsWith('0086')) candidates.push(`+${digits.slice(2)}`);
  else if (digits.startsWith('86')) candidates.push(`+${digits}`);
  for (const candidate of candidates) {
    const parsed = parseCardSimNumber(candidate);
    if (parsed.ok) return parsed.e164;
  }
  return /^\+?\d{3,20}$/.test(digits) ? (digits.startsWith('+') ? digits : `+${digits}`) : null;
}
