import { parseChinesePhoneNumber } from '../phone';
import type { HouseholdCells } from './household-columns';
import { parseMembers } from './member-roles';
import type { GridResolver } from './resolve-grid';
import { LIST_SEPARATORS, PHONE_SEPARATORS, splitList } from './split-list';
import type { HouseholdDraft, RowError } from './types';

const REF_MAX = 64;
const ADDRESS_MAX = 200;
const TAG_MAX = 32;

type Coordinate = { ok: true; value: number | null } | { ok: false; reason: string };

function readCoordinate(text: string, limit: number, swapHint: string): Coordinate {
  if (text === '') return { ok: true, value: null };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'not a number (decimal degrees, e.g. 30.2741)' };
  if (Math.abs(value) > limit)
    return { ok: false, reason: `must be between -${limit} and ${limit}${swapHint}` };
  return { ok: true, value };
}

/** Checks one data row; returns a draft to write, or every problem found in it. */
export function parseHouseholdRow(
  row: number,
  cells: HouseholdCells,
  grids: GridResolver,
): { ok: true; draft: HouseholdDraft } | { ok: false; errors: RowError[]; gridId: string | null } {
  const errors: RowError[] = [];
  const fail = (field: string, value: string, reason: string) => errors.push({ row, field, value, reason });

  let gridId: string | null = null;
  if (cells.village === '') fail('village', '', 'required');
  if (cells.grid === '') fail('grid', '', 'required');
  if (cells.village !== '' && cells.grid !== '') {
    const resolved = grids.resolve(cells.village, cells.grid);
    if (resolved.ok) gridId = resolved.grid.id;
    else fail(resolved.field, cells[resolved.field], resolved.reason);
  }

  if (cells.household_ref === '') fail('household_ref', '', 'required');
  else if (cells.household_ref.length > REF_MAX)
    fail('household_ref', cells.household_ref, `longer than ${REF_MAX}`);

  if (cells.address === '') fail('address', '', 'required');
  else if (cells.address.length > ADDRESS_MAX) fail('address', cells.address, `longer than ${ADDRESS_MAX}`);

  const swapped = ' (are latitude and longitude swapped?)';
  const latitude = readCoordinate(cells.latitude, 90, swapped);
  const longitude = readCoordinate(cells.longitude, 180, '');
  if (!latitude.ok) fail('latitude', cells.latitude, latitude.reason);
  if (!longitude.ok) fail('longitude', cells.longitude, longitude.reason);
  if (latitude.ok && longitude.ok && (latitude.value === null) !== (longitude.value === null)) {
    const missing = latitude.value === null ? 'latitude' : 'longitude';
    fail(missing, '', 'give both latitude and longitude, or neither');
  }

  const phones: string[] = [];
  for (const text of splitList(cells.phones, PHONE_SEPARATORS)) {
    const phone = parseChinesePhoneNumber(text);
    if (!phone.ok) fail('phones', text, phone.reason);
    else if (!phones.includes(phone.e164)) phones.push(phone.e164);
  }

  const { members, problems } = parseMembers(cells.members);
  for (const problem of problems) fail('members', problem.value, problem.reason);

  const tags = [...new Set(splitList(cells.tags, LIST_SEPARATORS))];
  for (const tag of tags) if (tag.length > TAG_MAX) fail('tags', tag, `longer than ${TAG_MAX}`);

  if (errors.length > 0 || gridId === null || !latitude.ok || !longitude.ok) {
    return { ok: false, errors, gridId };
  }
  return {
    ok: true,
    draft: {
      row,
      gridId,
      externalRef: cells.household_ref,
      address: cells.address,
      latitude: latitude.value,
      longitude: longitude.value,
      tags,
      phones,
      members,
    },
  };
}
