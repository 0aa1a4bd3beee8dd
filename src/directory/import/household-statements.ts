import type { Prisma, Role } from '../../generated/prisma/client';
import type { HouseholdDraft } from './types';

/*
 * Set-based statements for the household import. Each takes its rows as one JSON parameter
 * (json_to_recordset): thousands of rows per statement whatever PostgreSQL's bind parameter limit, no
 * round trip per row, and the same SQL on PostgreSQL and the embedded PGlite. Prisma's createMany spent
 * most of a city-sized import building its statements. Ids are made by the caller, time-ordered
 * (src/db/time-ordered-id.ts), so each batch's index entries are appended rather than scattered.
 */

type Tx = Prisma.TransactionClient;

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

/**
 * New households with their phones and members, in one statement: the foreign keys are checked at its end,
 * when the households exist, and PostgreSQL is never left waiting for the next statement of the batch.
 */
export async function insertHouseholds(
  tx: Tx,
  rows: { households: readonly HouseholdRow[]; phones: readonly PhoneRow[]; members: readonly MemberRow[] },
  now: Date,
): Promise<void> {
  if (rows.households.length === 0) return;
  await tx.$executeRaw`
    WITH "households" AS (
      INSERT INTO "Household" ("id", "gridId", "externalRef", "address", "latitude", "longitude", "tags",
                               "createdAt", "updatedAt")
      SELECT r."id", r."gridId", r."externalRef", r."address", r."latitude", r."longitude", r."tags", ${now}, ${now}
        FROM json_to_recordset(${json(rows.households)}::json)
          AS r("id" text, "gridId" text, "externalRef" text, "address" text, "latitude" float8,
               "longitude" float8, "tags" text[])
    ), "phones" AS (
      INSERT INTO "PhoneNumber" ("id", "e164", "priority", "householdId")
      SELECT r."id", r."e164", r."priority", r."householdId"
        FROM json_to_recordset(${json(rows.phones)}::json)
          AS r("id" text, "householdId" text, "e164" text, "priority" int)
    )
    INSERT INTO "Person" ("id", "name", "roles", "householdId", "source", "createdAt", "updatedAt")
    SELECT r."id", r."name", r."roles", r."householdId", 'import', ${now}, ${now}
      FROM json_to_recordset(${json(rows.members)}::json)
        AS r("id" text, "householdId" text, "name" text, "roles" "Role"[])`;
}

/** Sets address, coordinates and tags of stored households (`gridId` and `externalRef` are not read). */
export async function updateHouseholds(tx: Tx, rows: readonly HouseholdRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Household" AS h
       SET "address" = r."address", "latitude" = r."latitude", "longitude" = r."longitude", "tags" = r."tags",
           "updatedAt" = ${now}
      FROM json_to_recordset(${json(rows)}::json)
        AS r("id" text, "address" text, "latitude" float8, "longitude" float8, "tags" text[])
     WHERE h."id" = r."id"`;
}

export async function insertPhones(tx: Tx, rows: readonly PhoneRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "PhoneNumber" ("id", "e164", "priority", "householdId")
    SELECT r."id", r."e164", r."priority", r."householdId"
      FROM json_to_recordset(${json(rows)}::json) AS r("id" text, "householdId" text, "e164" text, "priority" int)`;
}

/** Removes the households' own phones; numbers attached to a person are left alone. */
export async function deleteHouseholdPhones(tx: Tx, householdIds: readonly string[]): Promise<void> {
  if (householdIds.length === 0) return;
  await tx.$executeRaw`
    DELETE FROM "PhoneNumber"
     WHERE "personId" IS NULL
       AND "householdId" IN (SELECT json_array_elements_text(${json(householdIds)}::json))`;
}

export async function insertMembers(tx: Tx, rows: readonly MemberRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Person" ("id", "name", "roles", "householdId", "source", "createdAt", "updatedAt")
    SELECT r."id", r."name", r."roles", r."householdId", 'import', ${now}, ${now}
      FROM json_to_recordset(${json(rows)}::json)
        AS r("id" text, "householdId" text, "name" text, "roles" "Role"[])`;
}

export async function updateMemberRoles(
  tx: Tx,
  rows: readonly { id: string; roles: Role[] }[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Person" AS p SET "roles" = r."roles", "updatedAt" = ${now}
      FROM json_to_recordset(${json(rows)}::json) AS r("id" text, "roles" "Role"[])
     WHERE p."id" = r."id"`;
}

export async function deleteMembers(tx: Tx, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx.$executeRaw`
    DELETE FROM "Person" WHERE "id" IN (SELECT json_array_elements_text(${json(personIds)}::json))`;
}
