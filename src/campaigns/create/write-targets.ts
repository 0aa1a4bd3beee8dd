import type { BulkSql } from '../../db/bulk-sql';
import type { CampaignTargetDraft } from './resolve-audience';

export interface NewTarget extends CampaignTargetDraft {
  id: string;
}

/** Targets per statement: a few MB of JSON each, so a city's campaign is written in a handful of statements. */
const BATCH = 25_000;

/**
 * Stores a campaign's households to call, waiting for their first attempt. Set-based: the rows go in as one
 * JSON parameter per batch (json_to_recordset), never a bind parameter per household — a city's 200,000
 * households are beyond PostgreSQL's 65,535 — and read the same on PostgreSQL and the embedded PGlite.
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
    const rows = JSON.stringify(targets.slice(start, start + BATCH));
    await previous;
    previous = sql.query(
      `INSERT INTO "CampaignTarget" ("id", "campaignId", "householdId", "gridId", "label", "numbers", "updatedAt")
       SELECT r."id", $2::text, r."householdId", r."gridId", r."label", r."numbers",
              ($3::timestamptz AT TIME ZONE 'UTC')
         FROM json_to_recordset($1::json)
           AS r("id" text, "householdId" text, "gridId" text, "label" text, "numbers" text[])`,
      [rows, campaignId, now.toISOString()],
    );
  }
  await previous;
}
