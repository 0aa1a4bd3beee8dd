import type { Prisma, Role } from '../generated/prisma/client';
import type { DbClient } from './db-client';

export interface AreaRef {
  id: string;
  name: string;
  code: string;
}

export interface HouseholdView {
  id: string;
  externalRef: string;
  village: AreaRef | null;
  grid: AreaRef;
  address: string;
  latitude: number | null;
  longitude: number | null;
  tags: string[];
  /** E.164, in the order they are tried. */
  phones: string[];
  members: { id: string; name: string; roles: Role[] }[];
  createdAt: Date;
  updatedAt: Date;
}

export interface HouseholdQuery {
  /** Grids the caller may see (and asked for); null means no restriction. */
  gridIds: readonly string[] | null;
  tag?: string;
  limit: number;
  offset: number;
}

const areaRef = { select: { id: true, name: true, code: true } } as const;

const householdInclude = {
  grid: { select: { id: true, name: true, code: true, parent: areaRef } },
  phones: { select: { e164: true }, orderBy: { priority: 'asc' } },
  members: { select: { id: true, name: true, roles: true }, orderBy: { name: 'asc' } },
} satisfies Prisma.HouseholdInclude;

type HouseholdRow = Prisma.HouseholdGetPayload<{ include: typeof householdInclude }>;

function toView(row: HouseholdRow): HouseholdView {
  const { parent, ...grid } = row.grid;
  return {
    id: row.id,
    externalRef: row.externalRef,
    village: parent,
    grid,
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    tags: row.tags,
    phones: row.phones.map((p) => p.e164),
    members: row.members,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listHouseholds(
  db: DbClient,
  query: HouseholdQuery,
): Promise<{ items: HouseholdView[]; total: number }> {
  const where: Prisma.HouseholdWhereInput = {
    ...(query.gridIds !== null && { gridId: { in: [...query.gridIds] } }),
    ...(query.tag !== undefined && { tags: { has: query.tag } }),
  };
  const [rows, total] = await Promise.all([
    db.household.findMany({
      where,
      include: householdInclude,
      orderBy: [{ gridId: 'asc' }, { externalRef: 'asc' }],
      take: query.limit,
      skip: query.offset,
    }),
    db.household.count({ where }),
  ]);
  return { items: rows.map(toView), total };
}

export async function getHousehold(db: DbClient, id: string): Promise<HouseholdView | null> {
  const row = await db.household.findUnique({ where: { id }, include: householdInclude });
  return row ? toView(row) : null;
}
