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
  type Household = [id: string, gridId: string, externalRef: string, address: string, createdAt: string];
  type Phone = [householdId: string, e164: string, priority: number, id: string];
  // The households' statement ends first (its scan is the cheaper one): they are read, put in order and
  // made into the rows given back while PostgreSQL is still at the numbers, rather than after both.
  const households = sql
    .query<{ rows: string | null }>(
      // Filtered directly, not through `id IN (…)`: a city's households are scanned once instead of twice.
      `SELECT json_agg(json_build_array(h."id", h."gridId", h."externalRef", h."address", h."createdAt"))::text
                AS "rows"
         FROM "Household" h WHERE ${selection}`,
      params,
    )
    .then((result) => {
      const rows = parsed<Household>(result);
      // Each household's numbers are gathered in a list of its own, the households taken as stored.
      const asStored = rows.map(([id, gridId, externalRef, address, createdAt]) => ({
        row: { id, gridId, externalRef, address, phones: [] as string[] },
        createdAt,
        numbers: [] as Phone[],
      }));
      const positionOf = new Map<string, number>();
      for (const [i, household] of asStored.entries()) positionOf.set(household.row.id, i);
      // PostgreSQL writes every timestamp in one ISO form, which sorts as text in time order. Rows come in
      // the order they were stored, mostly that one already, which the sort gets through in one pass.
      const inOrder = [...asStored].sort((a, b) =>
        a.createdAt === b.createdAt ? compare(a.row.id, b.row.id) : compare(a.createdAt, b.createdAt),
      );
      return { asStored, positionOf, inOrder };
    });
  const phones = sql.query<{ rows: string | null }>(
    `SELECT json_agg(json_build_array(p."householdId", p."e164", p."priority", p."id"))::text AS "rows"
       FROM "PhoneNumber" p WHERE p."householdId" IN (SELECT h."id" FROM "Household" h WHERE ${selection})`,
    params,
  );
  const [{ asStored, positionOf, inOrder }, numbers] = await Promise.all([households, phones]);
  // Numbers mostly come as their households were stored, a household's together: its list is then the
  // one at hand or the next, told by comparing ids: looking each of a city's 300,000 numbers up by id
  // took three times as long. A number of a household registered between the two statements has no
  // household here, and is left out.
  let at = 0;
  for (const phone of parsed<Phone>(numbers)) {
    const householdId = phone[0];
    if (asStored[at]?.row.id !== householdId) {
      const position = asStored[at + 1]?.row.id === householdId ? at + 1 : positionOf.get(householdId);
      if (position === undefined) continue;
      at = position;
    }
    asStored[at]?.numbers.push(phone);
  }
  const rows: AudienceHouseholdRow[] = [];
  for (const { row, numbers: listed } of inOrder) {
    row.phones = phonesInOrder(listed);
    rows.push(row);
  }
  return rows;
}

/** A household's numbers in calling order: by priority, then as they were added. */
function phonesInOrder(phones: [householdId: string, e164: string, priority: number, id: string][]) {
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
