import type { Prisma, Role } from '../../generated/prisma/client';
import type { HouseholdDraft } from './types';

export interface WriteOutcome {
  createdIds: string[];
  updatedIds: string[];
  unchanged: number;
}

// Household phones only: numbers another module attached to a person are not the import's to replace.
const householdPhones = {
  where: { personId: null },
  select: { e164: true },
  orderBy: { priority: 'asc' },
} as const;

const storedSelect = {
  id: true,
  gridId: true,
  externalRef: true,
  address: true,
  latitude: true,
  longitude: true,
  tags: true,
  phones: householdPhones,
  // The file speaks only for the people it brought in: someone registered through the people API
  // may live in the household too, and a re-import must neither see nor remove them.
  members: {
    where: { source: 'import' },
    select: { id: true, name: true, roles: true },
  },
} satisfies Prisma.HouseholdSelect;

type StoredHousehold = Prisma.HouseholdGetPayload<{ select: typeof storedSelect }>;

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
    stored.phones.map((p) => p.e164).join() === draft.phones.join() &&
    stored.members.length === draft.members.length &&
    draft.members.every((m) => {
      const roles = storedMembers.get(m.name);
      return roles !== undefined && sameRoles(roles, m.roles);
    })
  );
}

/**
 * Upserts households by (grid, household_ref), replacing their phones and members. Members are matched
 * by name so a person keeps their id (which other modules may refer to) across re-imports.
 */
export async function writeHouseholds(
  tx: Prisma.TransactionClient,
  drafts: HouseholdDraft[],
): Promise<WriteOutcome> {
  // By grid only: a file covers a few grids, but its refs could exceed PostgreSQL's bind parameter limit.
  const stored = await tx.household.findMany({
    where: { gridId: { in: [...new Set(drafts.map((d) => d.gridId))] } },
    select: storedSelect,
  });
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
  outcome.updatedIds = await replaceHouseholds(tx, changed);
  outcome.createdIds = await createHouseholds(tx, fresh);
  return outcome;
}

const fieldsOf = (draft: HouseholdDraft) => ({
  address: draft.address,
  latitude: draft.latitude,
  longitude: draft.longitude,
  tags: draft.tags,
});

const phonesOf = (draft: HouseholdDraft, householdId: string) =>
  draft.phones.map((e164, priority) => ({ e164, priority, householdId }));

// Bounded so one statement stays well under PostgreSQL's 65535 bind parameters.
const BATCH = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH) out.push(items.slice(start, start + BATCH));
  return out;
}

/** New households in a few multi-row statements: row-by-row creates made a town-sized file take minutes. */
async function createHouseholds(tx: Prisma.TransactionClient, drafts: HouseholdDraft[]): Promise<string[]> {
  const ids: string[] = [];
  for (const batch of chunks(drafts)) {
    const created = await tx.household.createManyAndReturn({
      data: batch.map((d) => ({ gridId: d.gridId, externalRef: d.externalRef, ...fieldsOf(d) })),
      select: { id: true, gridId: true, externalRef: true },
    });
    const idOf = new Map(created.map((h) => [keyOf(h.gridId, h.externalRef), h.id]));
    const withIds = batch.map((draft) => {
      const id = idOf.get(keyOf(draft.gridId, draft.externalRef));
      if (id === undefined) throw new Error(`household ${draft.externalRef} was not returned by its insert`);
      return { draft, id };
    });
    const phones = withIds.flatMap(({ draft, id }) => phonesOf(draft, id));
    const members = withIds.flatMap(({ draft, id }) => draft.members.map((m) => ({ ...m, householdId: id })));
    for (const part of chunks(phones)) await tx.phoneNumber.createMany({ data: part });
    for (const part of chunks(members)) await tx.person.createMany({ data: part });
    ids.push(...withIds.map(({ id }) => id));
  }
  return ids;
}

/** Updates changed households; phones and members are replaced in bulk statements, not row by row. */
async function replaceHouseholds(
  tx: Prisma.TransactionClient,
  changed: { existing: StoredHousehold; draft: HouseholdDraft }[],
): Promise<string[]> {
  const ids = changed.map(({ existing }) => existing.id);
  const gone: string[] = [];
  const added: Prisma.PersonCreateManyInput[] = [];
  for (const { existing, draft } of changed) {
    await tx.household.update({ where: { id: existing.id }, data: fieldsOf(draft) });
    const wanted = new Map(draft.members.map((m) => [m.name, m.roles]));
    const kept = new Set<string>();
    for (const member of existing.members) {
      const roles = wanted.get(member.name);
      if (!roles) gone.push(member.id);
      else {
        kept.add(member.name);
        if (!sameRoles(roles, member.roles)) {
          await tx.person.update({ where: { id: member.id }, data: { roles } });
        }
      }
    }
    for (const member of draft.members) {
      if (!kept.has(member.name)) added.push({ ...member, householdId: existing.id });
    }
  }
  for (const batch of chunks(ids)) {
    await tx.phoneNumber.deleteMany({ where: { householdId: { in: batch }, personId: null } });
  }
  for (const batch of chunks(gone)) await tx.person.deleteMany({ where: { id: { in: batch } } });
  const phones = changed.flatMap(({ existing, draft }) => phonesOf(draft, existing.id));
  for (const batch of chunks(phones)) await tx.phoneNumber.createMany({ data: batch });
  for (const batch of chunks(added)) await tx.person.createMany({ data: batch });
  return ids;
}
