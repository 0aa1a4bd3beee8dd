import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import { ConflictError, InvalidInputError, NotFoundError } from '../../directory/errors';
import { isUniqueViolation } from '../../directory/unique-violation';
import type { ElderSettingsInput } from './elder-settings';
import { elderSettingsJson } from './elder-settings-json';
import { elderInclude, toElderView, type ElderRow, type ElderView } from './elder-view';

/** Where an elder lives, from their person record: the area scope and the places nearby hang on it. */
export interface ElderPlacement {
  personId: string;
  householdId: string;
  gridId: string;
  villageId: string;
}

export interface NewElder {
  notes?: string;
  dialect?: string;
  settings?: ElderSettingsInput;
}

const personField = (reason: string) => new InvalidInputError([{ field: 'personId', reason }]);

export async function placeElder(db: Db, personId: string): Promise<ElderPlacement> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { household: { select: { id: true, gridId: true, grid: { select: { parentId: true } } } } },
  });
  if (!person) throw personField('no person with this id in the directory');
  const household = person.household;
  if (!household) throw personField('the person belongs to no household; add them to one first');
  const villageId = household.grid.parentId;
  if (!villageId) throw personField("the household's grid belongs to no village");
  return { personId, householdId: household.id, gridId: household.gridId, villageId };
}

export async function createElder(db: Db, placement: ElderPlacement, input: NewElder): Promise<ElderView> {
  try {
    const { id } = await db.elder.create({
      data: {
        ...placement,
        notes: input.notes ?? '',
        dialect: input.dialect ?? null,
        settings: elderSettingsJson.write(input.settings ?? {}),
      },
      select: { id: true },
    });
    return await requireElder(db, id);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('this person is already registered as an elder');
    throw error;
  }
}

export async function getElder(db: Db, id: string): Promise<ElderView | null> {
  const row = await db.elder.findUnique({ where: { id }, include: elderInclude });
  return row ? ((await withNames(db, [row]))[0] ?? null) : null;
}

async function requireElder(db: Db, id: string): Promise<ElderView> {
  const elder = await getElder(db, id);
  if (!elder) throw new NotFoundError(`no elder with id ${id}`);
  return elder;
}

export async function listElders(
  db: Db,
  query: { gridIds: readonly string[] | null; limit: number; offset: number },
): Promise<{ items: ElderView[]; total: number }> {
  const where: Prisma.ElderWhereInput = query.gridIds === null ? {} : { gridId: { in: [...query.gridIds] } };
  const [rows, total] = await Promise.all([
    db.elder.findMany({
      where,
      include: elderInclude,
      orderBy: { createdAt: 'asc' },
      take: query.limit,
      skip: query.offset,
    }),
    db.elder.count({ where }),
  ]);
  return { items: await withNames(db, rows), total };
}

export async function updateElder(
  db: Db,
  id: string,
  change: { notes?: string; dialect?: string | null; settings?: ElderSettingsInput },
): Promise<ElderView> {
  const updated = await db.elder.updateMany({
    where: { id },
    data: {
      ...(change.notes === undefined ? {} : { notes: change.notes }),
      ...(change.dialect === undefined ? {} : { dialect: change.dialect }),
      ...(change.settings === undefined ? {} : { settings: elderSettingsJson.write(change.settings) }),
    },
  });
  if (updated.count === 0) throw new NotFoundError(`no elder with id ${id}`);
  return requireElder(db, id);
}

async function withNames(db: Db, rows: ElderRow[]): Promise<ElderView[]> {
  const [people, households] = await Promise.all([
    db.person.findMany({
      where: { id: { in: rows.map((r) => r.personId) } },
      select: { id: true, name: true },
    }),
    db.household.findMany({
      where: { id: { in: rows.map((r) => r.householdId) } },
      select: { id: true, address: true },
    }),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p]));
  const addressOf = new Map(households.map((h) => [h.id, h]));
  return rows.map((row) =>
    toElderView(
      row,
      nameOf.get(row.personId) ?? { name: '' },
      addressOf.get(row.householdId) ?? { address: '' },
    ),
  );
}
