import { bulkSql } from '../../db/bulk-sql';
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
 * out as one JSON document each, which reads the same through every driver (PostgreSQL, PGlite), sent to
 * the driver itself (src/db/bulk-sql.ts): Prisma spends seconds on a city's tens of megabytes.
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
  // Households and their numbers in two flat statements, run side by side: grouping a city's numbers by
  // household and ordering them in PostgreSQL took two sorts spilled to disk, more than both together.
  // Each row comes as an array, not an object: a city's document is half as long without the keys.
  const sql = bulkSql(db);
  const selection = `
        h."gridId" IN (SELECT json_array_elements_text($1::json))
    AND ($2::int = 0 OR h."tags" && ARRAY(SELECT json_array_elements_text($3::json)))`;
  const params = [JSON.stringify(gridIds), tags.length, JSON.stringify(tags)];
  const [households, phones] = await Promise.all([
    // Filtered directly, not through `id IN (…)`: a city's households are scanned once instead of twice.
    sql.query<{ rows: string | null }>(
      `SELECT json_agg(json_build_array(h."id", h."gridId", h."externalRef", h."address", h."createdAt"))::text
                AS "rows"
         FROM "Household" h WHERE ${selection}`,
      params,
    ),
    sql.query<{ rows: string | null }>(
      `SELECT json_agg(json_build_array(p."householdId", p."e164", p."priority", p."id"))::text AS "rows"
         FROM "PhoneNumber" p WHERE p."householdId" IN (SELECT h."id" FROM "Household" h WHERE ${selection})`,
      params,
    ),
  ]);
  type Phone = [householdId: string, e164: string, priority: number, id: string];
  const numbers = new Map<string, Phone[]>();
  for (const phone of parsed<Phone>(phones)) {
    const known = numbers.get(phone[0]);
    if (known) known.push(phone);
    else numbers.set(phone[0], [phone]);
  }
  const rows =
    parsed<[id: string, gridId: string, externalRef: string, address: string, createdAt: string]>(households);
  // PostgreSQL writes every timestamp in one ISO form, which sorts as text in time order. Rows come in
  // the order they were stored, mostly that one already, which the sort gets through in one pass.
  rows.sort((a, b) => (a[4] === b[4] ? compare(a[0], b[0]) : compare(a[4], b[4])));
  return rows.map(([id, gridId, externalRef, address]) => ({
    id,
    gridId,
    externalRef,
    address,
    phones: phonesInOrder(numbers.get(id)),
  }));
}

/** A household's numbers in calling order: by priority, then as they were added. */
function phonesInOrder(phones: [householdId: string, e164: string, priority: number, id: string][] = []) {
  if (phones.length > 1) phones.sort((a, b) => a[2] - b[2] || compare(a[3], b[3]));
  return phones.map((phone) => phone[1]);
}

const parsed = <Row>(result: { rows: string | null }[]): Row[] =>
  JSON.parse(result[0]?.rows ?? '[]') as Row[];

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The do-not-call numbers a campaign can meet: those of the directory's households and people, and those
 * among `listNumbers` (an uploaded list's). Asked this way, not with every number of the audience: a
 * city's audience sends some 300,000 numbers, the directory's do-not-call entries are a few.
 */
export async function doNotCallNumbers(db: Db, listNumbers: readonly string[]): Promise<string[]> {
  const rows = await bulkSql(db).query<{ e164: string }>(
    `SELECT d."e164" FROM "DoNotCall" d
      WHERE EXISTS (SELECT 1 FROM "PhoneNumber" p WHERE p."e164" = d."e164")
         OR d."e164" IN (SELECT json_array_elements_text($1::json))`,
    [JSON.stringify(listNumbers)],
  );
  return rows.map((r) => r.e164);
}
