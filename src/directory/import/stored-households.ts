import type { BulkSql } from '../../db/bulk-sql';
import type { Role } from '../../generated/prisma/client';
import type { HouseholdRow } from './household-statements';

/** A household as the import last wrote it: what a re-import compares a row with. */
export interface StoredHousehold extends HouseholdRow {
  /** Household phones in calling order; numbers another module attached to a person are not the import's. */
  phones: string[];
  /**
   * The people the file brought in: someone registered through the people API may live in the household
   * too, and a re-import must neither see nor remove them.
   */
  members: { id: string; name: string; roles: Role[] }[];
}

/**
 * The stored households with these (grid, household_ref) keys, with their phones and imported members, in
 * one statement. The rows come back as one JSON document and the keys go in as one: a city's file holds
 * far more households than a statement may have bind parameters, and JSON reads the same through every
 * driver adapter.
 */
export async function loadStoredHouseholds(
  sql: BulkSql,
  keys: readonly { gridId: string; externalRef: string }[],
): Promise<StoredHousehold[]> {
  if (keys.length === 0) return [];
  const [result] = await sql.query<{ households: string }>(
    `SELECT COALESCE(json_agg(json_build_object(
             'id', h."id", 'gridId', h."gridId", 'externalRef', h."externalRef", 'address', h."address",
             'latitude', h."latitude", 'longitude', h."longitude", 'tags', COALESCE(h."tags", '{}'),
             'phones', COALESCE((SELECT json_agg(p."e164" ORDER BY p."priority", p."id")
                                   FROM "PhoneNumber" p
                                  WHERE p."householdId" = h."id" AND p."personId" IS NULL), '[]'::json),
             'members', COALESCE((SELECT json_agg(json_build_object(
                                           'id', m."id", 'name', m."name", 'roles', COALESCE(m."roles", '{}')))
                                    FROM "Person" m
                                   WHERE m."householdId" = h."id" AND m."source" = 'import'), '[]'::json)
           ))::text, '[]') AS "households"
      FROM "Household" h
      JOIN json_to_recordset($1::json) AS k("gridId" text, "externalRef" text)
        ON h."gridId" = k."gridId" AND h."externalRef" = k."externalRef"`,
    [JSON.stringify(keys)],
  );
  return JSON.parse(result?.households ?? '[]') as StoredHousehold[];
}
