import type { DbClient } from '../directory/db-client';
import { parseChinesePhoneNumber } from '../directory/phone';
import type { CallerMatch } from './domain/ivr-types';

/**
 * A caller id as E.164. Carriers deliver 13912345678, 8613912345678, +8613912345678 or 008613…;
 * null when it was withheld or is no number at all.
 */
export function callerE164(caller: string): string | null {
  const digits = caller.trim().replace(/[^\d+]/g, '');
  if (!/^\+?\d{3,20}$/.test(digits)) return null;
  const candidates = [digits];
  if (digits.startsWith('0086')) candidates.push(`+${digits.slice(2)}`);
  else if (digits.startsWith('86')) candidates.push(`+${digits}`);
  for (const candidate of candidates) {
    const parsed = parseChinesePhoneNumber(candidate);
    if (parsed.ok) return parsed.e164;
  }
  return digits.startsWith('+') ? digits : `+${digits}`;
}

/** The household (and its grid) a caller id belongs to: a household's own number, or one of its members'. */
export async function matchCaller(db: DbClient, caller: string): Promise<CallerMatch> {
  const callerNumber = callerE164(caller);
  if (callerNumber === null) return { callerNumber, householdId: null, gridId: null };
  const phones = await db.phoneNumber.findMany({
    where: { e164: callerNumber },
    select: {
      household: { select: { id: true, gridId: true } },
      person: { select: { household: { select: { id: true, gridId: true } } } },
    },
    orderBy: { priority: 'asc' },
    take: 10,
  });
  const households = new Map<string, string>();
  for (const phone of phones) {
    const household = phone.household ?? phone.person?.household;
    if (household) households.set(household.id, household.gridId);
  }
  // A number shared by two households says nothing about which one calls: the caller keys in a village.
  if (households.size !== 1) return { callerNumber, householdId: null, gridId: null };
  const [[householdId, gridId]] = [...households] as [[string, string]];
  return { callerNumber, householdId, gridId };
}

/** A village by the code a caller keyed in: its whole code, or the digits its code ends with when one village alone matches. */
export async function findVillageByCode(db: DbClient, code: string): Promise<string | null> {
  const exact = await db.area.findFirst({ where: { level: 'VILLAGE', code }, select: { id: true } });
  if (exact) return exact.id;
  if (code.length < 3) return null;
  const ending = await db.area.findMany({
    where: { level: 'VILLAGE', code: { endsWith: code } },
    select: { id: true },
    take: 2,
  });
  return ending.length === 1 ? (ending[0]?.id ?? null) : null;
}
