import type { AreaLevel, Prisma, Role } from '../generated/prisma/client';
import type { DbClient } from './db-client';
import type { AreaRef } from './households';

export interface PersonView {
  id: string;
  name: string;
  roles: Role[];
  /** The grid a grid worker serves, the village a cadre serves; null for people known through a household. */
  area: (AreaRef & { level: AreaLevel }) | null;
  household: { id: string; externalRef: string; gridId: string } | null;
  /** E.164, in the order they are tried. */
  phones: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface PeopleQuery {
  /** Areas the caller may see (and asked for); a person matches through their area or their household's grid. */
  areaIds: readonly string[] | null;
  role?: Role;
  limit: number;
  offset: number;
}

export const personInclude = {
  area: { select: { id: true, level: true, name: true, code: true } },
  household: { select: { id: true, externalRef: true, gridId: true } },
  phones: { select: { e164: true }, orderBy: { priority: 'asc' } },
} satisfies Prisma.PersonInclude;

type PersonRow = Prisma.PersonGetPayload<{ include: typeof personInclude }>;

export function toPersonView(row: PersonRow): PersonView {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles,
    area: row.area,
    household: row.household,
    phones: row.phones.map((p) => p.e164),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function getPerson(db: DbClient, id: string): Promise<PersonView | null> {
  const row = await db.person.findUnique({ where: { id }, include: personInclude });
  return row ? toPersonView(row) : null;
}

export async function listPeople(
  db: DbClient,
  query: PeopleQuery,
): Promise<{ items: PersonView[]; total: number }> {
  const areaIds = query.areaIds === null ? null : [...query.areaIds];
  const where: Prisma.PersonWhereInput = {
    ...(areaIds !== null && {
      OR: [{ areaId: { in: areaIds } }, { household: { gridId: { in: areaIds } } }],
    }),
    ...(query.role !== undefined && { roles: { has: query.role } }),
  };
  const [rows, total] = await Promise.all([
    db.person.findMany({
      where,
      include: personInclude,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: query.limit,
      skip: query.offset,
    }),
    db.person.count({ where }),
  ]);
  return { items: rows.map(toPersonView), total };
}
