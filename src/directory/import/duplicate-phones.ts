import type { HouseholdDraft, RowWarning } from './types';

/**
 * A number listed by several households of one file is usually a typo or a family's shared landline;
 * either way a campaign calls it once, for the household registered first. Each later row listing it gets
 * a warning naming the first row.
 */
export function duplicatePhoneWarnings(drafts: readonly HouseholdDraft[]): RowWarning[] {
  const firstRowOf = new Map<string, number>();
  const warnings: RowWarning[] = [];
  for (const draft of drafts) {
    for (const phone of draft.phones) {
      const first = firstRowOf.get(phone);
      if (first === undefined) firstRowOf.set(phone, draft.row);
      else {
        warnings.push({
          row: draft.row,
          field: 'phones',
          value: phone,
          reason: `row ${first} lists the same number; a campaign calls it once, for one of the two households`,
        });
      }
    }
  }
  return warnings;
}
