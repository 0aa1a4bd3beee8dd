import type { AreaLevel, Role } from '../generated/prisma/client';
import type { DbClient } from './db-client';
import type { FieldProblem } from '../validation/field-problem';
import { InvalidInputError, NotFoundError } from './errors';
import { getPerson, personInclude, toPersonView, type PersonView } from './people';
import { nameProblems, parsePhoneList, placementProblems, roleProblems } from './people-rules';

export interface NewPerson {
  name: string;
  roles: Role[];
  areaId?: string | null;
  householdId?: string | null;
  /** As typed, in the order they are to be tried. */
  phones: string[];
}

/** Fields left out stay as they are; `phones` replaces the whole list; `areaId: null` removes the area. */
export interface PersonPatch {
  name?: string;
  phones?: string[];
  areaId?: string | null;
}

/** Where the caller may place people: the API passes the token's area, the CLI the whole tree. */
export interface PlacementScope {
  includesArea(areaId: string): Promise<boolean>;
}

export const WHOLE_TREE: PlacementScope = { includesArea: async () => true };

// One reason for "does not exist" and "outside your area", so a token cannot probe other villages.
const NO_AREA = { field: 'areaId', reason: 'no area with this id in your area' };
const NO_HOUSEHOLD = { field: 'householdId', reason: 'no household with this id in your area' };

type PlacedArea = { name: string; level: AreaLevel };

async function areaInScope(db: DbClient, scope: PlacementScope, id: string): Promise<PlacedArea | null> {
  const area = await db.area.findUnique({ where: { id }, select: { name: true, level: true } });
  return area && (await scope.includesArea(id)) ? area : null;
}

async function householdInScope(db: DbClient, scope: PlacementScope, id: string): Promise<boolean> {
  const household = await db.household.findUnique({ where: { id }, select: { gridId: true } });
  return household !== null && (await scope.includesArea(household.gridId));
}

/** Household imports match members by name, so two members of one household must not share one. */
async function memberNameProblems(
  db: DbClient,
  householdId: string,
  name: string,
  personId?: string,
): Promise<FieldProblem[]> {
  const clash = await db.person.findFirst({
    where: { householdId, name, id: { not: personId } },
    select: { id: true },
  });
  return clash ? [{ field: 'name', reason: `the household already has a member named ${name}` }] : [];
}

/** Registers a person with their phones; every problem with the input is reported at once. */
export async function createPerson(
  db: DbClient,
  input: NewPerson,
  scope: PlacementScope,
): Promise<PersonView> {
  const name = input.name.trim();
  const areaId = input.areaId ?? null;
  const householdId = input.householdId ?? null;
  const problems = [...nameProblems(name), ...roleProblems(input.roles)];

  const area = areaId === null ? null : await areaInScope(db, scope, areaId);
  if (areaId !== null && area === null) problems.push(NO_AREA);
  else problems.push(...placementProblems(input.roles, area, householdId !== null));

  if (householdId !== null) {
    if (!(await householdInScope(db, scope, householdId))) problems.push(NO_HOUSEHOLD);
    else if (name !== '') problems.push(...(await memberNameProblems(db, householdId, name)));
  }
  const { phones, problems: phoneProblems } = parsePhoneList(input.phones);
  problems.push(...phoneProblems);
  if (problems.length > 0) throw new InvalidInputError(problems);

  const row = await db.person.create({
    data: {
      name,
      roles: input.roles,
      areaId,
      householdId,
      source: 'api',
      phones: { create: phones.map((e164, priority) => ({ e164, priority })) },
    },
    include: personInclude,
  });
  return toPersonView(row);
}

/** Changes a person's name, phones or area; returns them before and after, for the audit trail. */
export async function updatePerson(
  db: DbClient,
  id: string,
  patch: PersonPatch,
  scope: PlacementScope,
): Promise<{ before: PersonView; after: PersonView }> {
  const before = await getPerson(db, id);
  if (!before) throw new NotFoundError(`no person with id ${id}`);
  const name = patch.name?.trim();
  const problems: FieldProblem[] = name === undefined ? [] : nameProblems(name);
  if (name && name !== before.name && before.household) {
    problems.push(...(await memberNameProblems(db, before.household.id, name, id)));
  }

  // An unchanged area is not checked against the scope: the person may be in scope through their household.
  const areaChanged = patch.areaId !== undefined && patch.areaId !== (before.area?.id ?? null);
  if (areaChanged) {
    const area = patch.areaId ? await areaInScope(db, scope, patch.areaId) : null;
    if (patch.areaId && area === null) problems.push(NO_AREA);
    else problems.push(...placementProblems(before.roles, area, before.household !== null));
  }
  const parsed = patch.phones === undefined ? undefined : parsePhoneList(patch.phones);
  problems.push(...(parsed?.problems ?? []));
  if (problems.length > 0) throw new InvalidInputError(problems);

  const row = await db.person.update({
    where: { id },
    data: {
      ...(name !== undefined && { name }),
      ...(areaChanged && { areaId: patch.areaId }),
      ...(parsed && {
        phones: { deleteMany: {}, create: parsed.phones.map((e164, priority) => ({ e164, priority })) },
      }),
    },
    include: personInclude,
  });
  return { before, after: toPersonView(row) };
}
