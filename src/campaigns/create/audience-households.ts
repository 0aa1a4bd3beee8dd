import type { Db } from '../../db/client';

export interface AudienceHouseholdRow {
  id: string;
  gridId: string;
  externalRef: string;
  address: string;
  /** In the order they are tried. */
  phones: string[];
}

/*
 * A city's audience is hundreds of thousands of households and numbers, more than a statement may have
 * bind parameters (65,535) and more than Prisma's model queries build quickly. Lists go in and rows come
 * out as one JSON document each, which reads the same through every driver adapter (PostgreSQL, PGlite).
 */

/**
 * The households of the grids, those with any of `tags` when tags are given, with their numbers; in the
 * order they were registered, so a number shared by households is dialled for the one registered first.
 */
export async function loadAudienceHouseholds(
  db: Db,
  gridIds: readonly string[],
  tags: readonly string[],
): Promise<AudienceHouseholdRow[]> {
  if (gridIds.length === 0) return [];
  // One join grouped by household, so the planner may hash-join a city's 200,000 households with their
  // numbers rather than look each one up; ordered here rather than in PostgreSQL, whose default sort
  // memory would spill a city's rows to disk.
  const [result] = await db.$queryRaw<{ households: string | null }[]>`
    SELECT json_agg(json_build_object(
             'id', x."id", 'gridId', x."gridId", 'externalRef', x."externalRef", 'address', x."address",
             'phones', x."phones", 'createdAt', x."createdAt"))::text AS "households"
      FROM (SELECT h."id", h."gridId", h."externalRef", h."address", h."createdAt",
                   COALESCE(json_agg(p."e164" ORDER BY p."priority", p."id") FILTER (WHERE p."id" IS NOT NULL),
                            '[]'::json) AS "phones"
              FROM "Household" h LEFT JOIN "PhoneNumber" p ON p."householdId" = h."id"
             WHERE h."gridId" IN (SELECT json_array_elements_text(${JSON.stringify(gridIds)}::json))
               AND (${tags.length} = 0
                    OR h."tags" && ARRAY(SELECT json_array_elements_text(${JSON.stringify(tags)}::json)))
             GROUP BY h."id") x`;
  const rows = JSON.parse(result?.households ?? '[]') as (AudienceHouseholdRow & { createdAt: string })[];
  // PostgreSQL writes every timestamp in one ISO form, which sorts as text in time order.
  rows.sort((a, b) =>
    a.createdAt === b.createdAt ? compare(a.id, b.id) : compare(a.createdAt, b.createdAt),
  );
  return rows.map((r) => ({
    id: r.id,
    gridId: r.gridId,
    externalRef: r.externalRef,
    address: r.address,
    phones: r.phones,
  }));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Which of `numbers` are on the do-not-call list. */
export async function doNotCallAmong(db: Db, numbers: readonly string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await db.$queryRaw<{ e164: string }[]>`
    SELECT "e164" FROM "DoNotCall"
     WHERE "e164" IN (SELECT json_array_elements_text(${JSON.stringify(numbers)}::json))`;
  return rows.map((r) => r.e164);
}
