import type { BulkSql } from '../../db/bulk-sql';
import { textArrayLiteral } from '../../db/text-array-literal';
import type { CampaignTargetDraft } from './resolve-audience';

export interface NewTarget extends CampaignTargetDraft {
  id: string;
}

/** Targets per statement: a few MB each, so a city's campaign is written in a handful of statements. */
const BATCH = 25_000;

/** A batch as one text[] literal per column (src/db/text-array-literal.ts); a target's numbers nest. */
function columnsOf(targets: readonly NewTarget[]): string[] {
  return [
    textArrayLiteral(targets.map((t) => t.id)),
    textArrayLiteral(targets.map((t) => t.householdId)),
    textArrayLiteral(targets.map((t) => t.gridId)),
    textArrayLiteral(targets.map((t) => t.label)),
    textArrayLiteral(targets.map((t) => textArrayLiteral(t.numbers))),
  ];
}

/**
 * Stores a campaign's households to call, waiting for their first attempt. Set-based: each column of a
 * batch goes in as one parameter (unnest), never a bind parameter per household — a city's 200,000
 * households are beyond PostgreSQL's 65,535 — and reads the same on PostgreSQL and the embedded PGlite.
 * Columns rather than JSON objects: PostgreSQL spent a third of a batch's insert reading the rows as JSON
 * objects, an eighth reading them as columns.
 * Sent to the driver itself (src/db/bulk-sql.ts): through Prisma a city's 30 MB of rows took seconds.
 */
export async function insertTargets(
  sql: BulkSql,
  campaignId: string,
  targets: readonly NewTarget[],
  now: Date,
): Promise<void> {
  let previous: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < targets.length; start += BATCH) {
    // Made while PostgreSQL stores the batch before.
    const columns = columnsOf(targets.slice(start, start + BATCH));
    await previous;
    previous = sql.query(
      `INSERT INTO "CampaignTarget" ("id", "campaignId", "householdId", "gridId", "label", "numbers", "updatedAt")
       SELECT r."id", $6::text, r."householdId", r."gridId", r."label", r."numbers"::text[],
              ($7::timestamptz AT TIME ZONE 'UTC')
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
           AS r("id", "householdId", "gridId", "label", "numbers")`,
      [...columns, campaignId, now.toISOString()],
    );
  }
  await previous;
}
