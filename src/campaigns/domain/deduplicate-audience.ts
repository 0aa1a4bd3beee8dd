import { isE164 } from './e164';

export interface AudienceHousehold {
  householdId: string;
  /** In the order to try them. */
  numbers: string[];
}

interface SharedNumber {
  number: string;
  /** The household the number is dialled for: the first listed. */
  calledFor: string;
  /** Other households listing the number; they hear the same call. */
  alsoListedBy: string[];
}

export type SkipReason = 'do_not_call' | 'numbers_called_for_other_household' | 'no_valid_number';

export interface DeduplicatedAudience {
  /** Households to dial, each with the numbers that are theirs alone to dial. */
  targets: AudienceHousehold[];
  skipped: { householdId: string; reason: SkipReason }[];
  duplicates: SharedNumber[];
  invalidNumbers: { householdId: string; number: string }[];
}

/**
 * Makes sure no number is dialled twice in one campaign. A number on the do-not-call list is dropped
 * first. A number listed by several households is dialled once, for the first household listing it.
 * A household left with no number is skipped; do-not-call wins as the reason, since that household asked.
 */
export function deduplicateAudience(
  households: readonly AudienceHousehold[],
  doNotCall: readonly string[],
): DeduplicatedAudience {
  const blocked = new Set(doNotCall.map((number) => number.trim()));
  const owner = new Map<string, string>();
  const shared = new Map<string, SharedNumber>();
  const result: DeduplicatedAudience = { targets: [], skipped: [], duplicates: [], invalidNumbers: [] };

  for (const household of households) {
    const own: string[] = [];
    let hadBlocked = false;
    let hadShared = false;
    for (const raw of household.numbers) {
      const number = raw.trim();
      if (!isE164(number)) {
        result.invalidNumbers.push({ householdId: household.householdId, number: raw });
      } else if (blocked.has(number)) {
        hadBlocked = true;
      } else {
        const firstOwner = owner.get(number);
        if (firstOwner === undefined) {
          owner.set(number, household.householdId);
          own.push(number);
        } else if (firstOwner !== household.householdId) {
          hadShared = true;
          const entry = shared.get(number) ?? { number, calledFor: firstOwner, alsoListedBy: [] };
          entry.alsoListedBy.push(household.householdId);
          shared.set(number, entry);
        }
        // A number a household lists twice is simply one of its numbers.
      }
    }
    if (own.length > 0) result.targets.push({ householdId: household.householdId, numbers: own });
    else {
      const reason = hadBlocked
        ? 'do_not_call'
        : hadShared
          ? 'numbers_called_for_other_household'
          : 'no_valid_number';
      result.skipped.push({ householdId: household.householdId, reason });
    }
  }
  result.duplicates = [...shared.values()];
  return result;
}
