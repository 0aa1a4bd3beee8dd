import { HOUSEHOLD_COLUMNS } from '../../src/directory/import/household-columns';
import type { Population } from './population-types';

/** The household import's own columns (src/directory/import), so the two cannot drift apart. */
export const HOUSEHOLDS_CSV_HEADER = HOUSEHOLD_COLUMNS;

/**
 * The households in linli's import format: one row per household, phones and tags joined with ';',
 * members as `name:role;...`, coordinates empty when the town has none.
 */
export function householdsCsv(population: Population): string {
  const rows = population.households.map((household) => [
    household.village,
    household.grid,
    household.ref,
    household.address,
    household.coordinates?.latitude.toFixed(6) ?? '',
    household.coordinates?.longitude.toFixed(6) ?? '',
    household.phones.join(';'),
    household.members.map((member) => `${member.name}:${member.role}`).join(';'),
    household.tags.join(';'),
  ]);
  return [HOUSEHOLDS_CSV_HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** RFC 4180 quoting, for the rare field with a comma, quote or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
