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
  const [result] = await db.$queryRaw<{ households: string | null }[]>`
    SELECT json_agg(json_build_object(
             'id', h."id", 'gridId', h."gridId", 'externalRef', h."externalRef", 'address', h."address",
             'phones', COALESCE((SELECT json_agg(p."e164" ORDER BY p."priority", p."id")
                                   FROM "PhoneNumber" p WHERE p."householdId" = h."id"), '[]'::json))
           ORDER BY h."createdAt", h."id")::text AS "households"
      FROM "Household" h
     WHERE h."gridId" IN (SELECT json_array_elements_text(${JSON.stringify(gridIds)}::json))
       AND (${tags.length} = 0
            OR h."tags" && ARRAY(SELECT json_array_elements_text(${JSON.stringify(tags)}::json)))`;
  return JSON.parse(result?.households ?? '[]') as AudienceHouseholdRow[];
}

/** Which of `numbers` are on the do-not-call list. */
export async function doNotCallAmong(db: Db, numbers: readonly string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await db.$queryRaw<{ e164: string }[]>`
    SELECT "e164" FROM "DoNotCall"
     WHERE "e164" IN (SELECT json_array_elements_text(${JSON.stringify(numbers)}::json))`;
  return rows.map((r) => r.e164);
}
