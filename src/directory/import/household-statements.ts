import type { BulkSql } from '../../db/bulk-sql';
import { textArrayLiteral } from '../../db/text-array-literal';
import type { Role } from '../../generated/prisma/client';
import type { HouseholdDraft } from './types';

/*
 * Set-based statements for the household import. Each takes its rows as one JSON parameter
 * (json_to_recordset), or, for new households, the bulk of a city's file, as one text[] literal per column
 * (unnest; src/db/text-array-literal.ts), which PostgreSQL reads in a third of the time: thousands of rows
 * per statement whatever PostgreSQL's bind parameter limit, no round trip per row, and the same SQL on
 * PostgreSQL and the embedded PGlite. They go to the driver directly (src/db/bulk-sql.ts): Prisma would
 * spend seconds on a city's megabytes of parameters. Ids are made by the caller, time-ordered
 * (src/db/time-ordered-id.ts), so each batch's index entries are appended rather than scattered.
 */

/** A household's own columns: a valid row of the file with its id. */
export type HouseholdRow = { id: string } & Omit<HouseholdDraft, 'row' | 'phones' | 'members'>;

export interface PhoneRow {
  id: string;
  householdId: string;
  e164: string;
  priority: number;
}

export interface MemberRow {
  id: string;
  householdId: string;
  name: string;
  roles: Role[];
}

const json = (value: unknown) => JSON.stringify(value);

/** Prisma's DateTime column (UTC, no zone) from an ISO instant, whatever the session's time zone. */
const at = (param: number) => `($${param}::timestamptz AT TIME ZONE 'UTC')`;

/** A column of numbers (or nulls) as a text[] literal, cast to its type in the statement. */
const numbersLiteral = (values: readonly (number | null)[]) =>
  textArrayLiteral(values.map((v) => (v === null ? null : String(v))));

/**
 * New households with their phones and members, in one statement: the foreign keys are checked at its end,
 * when the households exist, and PostgreSQL is never left waiting for the next statement of the batch.
 */
export async function insertHouseholds(
  sql: BulkSql,
  rows: { households: readonly HouseholdRow[]; phones: readonly PhoneRow[]; members: readonly MemberRow[] },
  now: Date,
): Promise<void> {
  const { households, phones, members } = rows;
  if (households.length === 0) return;
  await sql.query(
    `WITH "households" AS (
       INSERT INTO "Household" ("id", "gridId", "externalRef", "address", "latitude", "longitude", "tags",
                                "createdAt", "updatedAt")
       SELECT r."id", r."gridId", r."externalRef", r."address", r."latitude", r."longitude", r."tags"::text[],
              ${at(16)}, ${at(16)}
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[])
           AS r("id", "gridId", "externalRef", "address", "latitude", "longitude", "tags")
     ), "phones" AS (
       INSERT INTO "PhoneNumber" ("id", "e164", "priority", "householdId")
       SELECT r."id", r."e164", r."priority", r."householdId"
         FROM unnest($8::text[], $9::text[], $10::int[], $11::text[]) AS r("id", "e164", "priority", "householdId")
     )
     INSERT INTO "Person" ("id", "name", "roles", "householdId", "source", "createdAt", "updatedAt")
     SELECT r."id", r."name", r."roles"::"Role"[], r."householdId", 'import', ${at(16)}, ${at(16)}
       FROM unnest($12::text[], $13::text[], $14::text[], $15::text[]) AS r("id", "name", "roles", "householdId")`,
    [
      textArrayLiteral(households.map((h) => h.id)),
      textArrayLiteral(households.map((h) => h.gridId)),
      textArrayLiteral(households.map((h) => h.externalRef)),
      textArrayLiteral(households.map((h) => h.address)),
      numbersLiteral(households.map((h) => h.latitude)),
      numbersLiteral(households.map((h) => h.longitude)),
      textArrayLiteral(households.map((h) => textArrayLiteral(h.tags))),
      textArrayLiteral(phones.map((p) => p.id)),
      textArrayLiteral(phones.map((p) => p.e164)),
      numbersLiteral(phones.map((p) => p.priority)),
      textArrayLiteral(phones.map((p) => p.householdId)),
      textArrayLiteral(members.map((m) => m.id)),
      textArrayLiteral(members.map((m) => m.name)),
      textArrayLiteral(members.map((m) => textArrayLiteral(m.roles))),
      textArrayLiteral(members.map((m) => m.householdId)),
      now.toISOString(),
    ],
  );
}

/** Sets address, coordinates and tags of stored households (`gridId` and `externalRef` are not read). */
export async function updateHouseholds(
  sql: BulkSql,
  rows: readonly HouseholdRow[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `UPDATE "Household" AS h
        SET "address" = r."address", "latitude" = r."latitude", "longitude" = r."longitude",
            "tags" = r."tags", "updatedAt" = ${at(2)}
       FROM json_to_recordset($1::json)
         AS r("id" text, "address" text, "latitude" float8, "longitude" float8, "tags" text[])
      WHERE h."id" = r."id"`,
    [json(rows), now.toISOString()],
  );
}

export async function insertPhones(sql: BulkSql, rows: readonly PhoneRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO "PhoneNumber" ("id", "e164", "priority", "householdId")
     SELECT r."id", r."e164", r."priority", r."householdId"
       FROM json_to_recordset($1::json) AS r("id" text, "householdId" text, "e164" text, "priority" int)`,
    [json(rows)],
  );
}

/** Removes the households' own phones; numbers attached to a person are left alone. */
export async function deleteHouseholdPhones(sql: BulkSql, householdIds: readonly string[]): Promise<void> {
  if (householdIds.length === 0) return;
  await sql.query(
    `DELETE FROM "PhoneNumber"
      WHERE "personId" IS NULL AND "householdId" IN (SELECT json_array_elements_text($1::json))`,
    [json(householdIds)],
  );
}

export async function insertMembers(sql: BulkSql, rows: readonly MemberRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `INSERT INTO "Person" ("id", "name", "roles", "householdId", "source", "createdAt", "updatedAt")
     SELECT r."id", r."name", r."roles", r."householdId", 'import', ${at(2)}, ${at(2)}
       FROM json_to_recordset($1::json) AS r("id" text, "householdId" text, "name" text, "roles" "Role"[])`,
    [json(rows), now.toISOString()],
  );
}

export async function updateMemberRoles(
  sql: BulkSql,
  rows: readonly { id: string; roles: Role[] }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `UPDATE "Person" AS p SET "roles" = r."roles", "updatedAt" = ${at(2)}
       FROM json_to_recordset($1::json) AS r("id" text, "roles" "Role"[])
      WHERE p."id" = r."id"`,
    [json(rows), now.toISOString()],
  );
}

export async function deleteMembers(sql: BulkSql, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await sql.query(`DELETE FROM "Person" WHERE "id" IN (SELECT json_array_elements_text($1::json))`, [
    json(personIds),
  ]);
}
