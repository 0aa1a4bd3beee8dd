import type { BulkSql } from '../../db/bulk-sql';
import { timeOrderedId } from '../../db/time-ordered-id';
import type { Role } from '../../generated/prisma/client';
import {
  deleteHouseholdPhones,
  deleteMembers,
  insertHouseholds,
  insertMembers,
  insertPhones,
  updateHouseholds,
  updateMemberRoles,
  type HouseholdRow,
  type MemberRow,
} from './household-statements';
import type { GridsEmptyAtStart } from './grids-empty-at-start';
import { loadStoredHouseholds, type StoredHousehold } from './stored-households';
import type { HouseholdDraft } from './types';

export interface WriteOutcome {
  createdIds: string[];
  updatedIds: string[];
  unchanged: number;
}

/** Households per batch of statements: big enough that round trips do not count, small enough to report progress. */
const BATCH = 10_000;

const keyOf = (gridId: string, ref: string) => `${gridId}\u0000${ref}`;

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

function isUnchanged(stored: StoredHousehold, draft: HouseholdDraft): boolean {
  const storedMembers = new Map(stored.members.map((m) => [m.name, m.roles]));
  return (
    stored.address === draft.address &&
    stored.latitude === draft.latitude &&
    stored.longitude === draft.longitude &&
    stored.tags.join('\u0000') === draft.tags.join('\u0000') &&
    stored.phones.join() === draft.phones.join() &&
    stored.members.length === draft.members.length &&
    draft.members.every((m) => {
      const roles = storedMembers.get(m.name);
      return roles !== undefined && sameRoles(roles, m.roles);
    })
  );
}

const rowOf = (id: string, draft: HouseholdDraft): HouseholdRow => ({
  id,
  gridId: draft.gridId,
  externalRef: draft.externalRef,
  address: draft.address,
  latitude: draft.latitude,
  longitude: draft.longitude,
  tags: draft.tags,
});

const phonesOf = (id: string, draft: HouseholdDraft) =>
  draft.phones.map((e164, priority) => ({ id: timeOrderedId(), householdId: id, e164, priority }));

/**
 * Upserts households by (grid, household_ref), replacing their phones and members. Members are matched
 * by name so a person keeps their id (which other modules may refer to) across re-imports. Written in
 * batches of set-based statements; `onWritten` hears how many households are done after each. Rows of
 * grids that were empty when the import began (`grids`, kept across an import's calls) are not looked up.
 */
export async function writeHouseholds(
  sql: BulkSql,
  drafts: readonly HouseholdDraft[],
  grids: GridsEmptyAtStart,
  onWritten: (done: number) => void = () => undefined,
): Promise<WriteOutcome> {
  await grids.note(
    sql,
    drafts.map((d) => d.gridId),
  );
  const stored = await loadStoredHouseholds(
    sql,
    drafts
      .filter((d) => !grids.isEmpty(d.gridId))
      .map((d) => ({ gridId: d.gridId, externalRef: d.externalRef })),
  );
  const byKey = new Map(stored.map((h) => [keyOf(h.gridId, h.externalRef), h]));
  const outcome: WriteOutcome = { createdIds: [], updatedIds: [], unchanged: 0 };
  const fresh: HouseholdDraft[] = [];
  const changed: { existing: StoredHousehold; draft: HouseholdDraft }[] = [];
  for (const draft of drafts) {
    const existing = byKey.get(keyOf(draft.gridId, draft.externalRef));
    if (!existing) fresh.push(draft);
    else if (isUnchanged(existing, draft)) outcome.unchanged += 1;
    else changed.push({ existing, draft });
  }
  let done = outcome.unchanged;
  onWritten(done);
  const now = new Date();
  for (let start = 0; start < changed.length; start += BATCH) {
    const batch = changed.slice(start, start + BATCH);
    await replaceHouseholds(sql, batch, now);
    outcome.updatedIds.push(...batch.map(({ existing }) => existing.id));
    onWritten((done += batch.length));
  }
  const created = fresh.map((draft) => ({ id: timeOrderedId(), draft }));
  for (let start = 0; start < created.length; start += BATCH) {
    const batch = created.slice(start, start + BATCH);
    await createHouseholds(sql, batch, now);
    outcome.createdIds.push(...batch.map(({ id }) => id));
    onWritten((done += batch.length));
  }
  return outcome;
}

async function createHouseholds(
  sql: BulkSql,
  batch: readonly { id: string; draft: HouseholdDraft }[],
  now: Date,
): Promise<void> {
  await insertHouseholds(
    sql,
    {
      households: batch.map(({ id, draft }) => rowOf(id, draft)),
      phones: batch.flatMap(({ id, draft }) => phonesOf(id, draft)),
      members: batch.flatMap(({ id, draft }) =>
        draft.members.map((m) => ({ id: timeOrderedId(), householdId: id, ...m })),
      ),
    },
    now,
  );
}

/** Changed households: fields updated, phones replaced, members kept, re-roled, removed or added by name. */
async function replaceHouseholds(
  sql: BulkSql,
  batch: readonly { existing: StoredHousehold; draft: HouseholdDraft }[],
  now: Date,
): Promise<void> {
  const gone: string[] = [];
  const reRoled: { id: string; roles: Role[] }[] = [];
  const added: MemberRow[] = [];
  for (const { existing, draft } of batch) {
    const wanted = new Map(draft.members.map((m) => [m.name, m.roles]));
    const kept = new Set<string>();
    for (const member of existing.members) {
      const roles = wanted.get(member.name);
      if (!roles) gone.push(member.id);
      else {
        kept.add(member.name);
        if (!sameRoles(roles, member.roles)) reRoled.push({ id: member.id, roles });
      }
    }
    for (const member of draft.members) {
      if (!kept.has(member.name)) added.push({ id: timeOrderedId(), householdId: existing.id, ...member });
    }
  }
  const ids = batch.map(({ existing }) => existing.id);
  await updateHouseholds(
    sql,
    batch.map(({ existing, draft }) => rowOf(existing.id, draft)),
    now,
  );
  await deleteHouseholdPhones(sql, ids);
  await insertPhones(
    sql,
    batch.flatMap(({ existing, draft }) => phonesOf(existing.id, draft)),
  );
  await deleteMembers(sql, gone);
  await updateMemberRoles(sql, reRoled, now);
  await insertMembers(sql, added, now);
}
