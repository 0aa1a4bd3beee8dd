import type { BulkSql } from '../../db/bulk-sql';
import { textArrayLiteral } from '../../db/text-array-literal';
import { timeOrderedId } from '../../db/time-ordered-id';
import type { CampaignTargetDraft } from './resolve-audience';

/** Targets per statement: a few MB each, so a city's campaign is written in a handful of statements. */
const BATCH = 25_000;

/** A batch as one text[] literal per column (src/db/text-array-literal.ts); a target's numbers nest. */
function columnsOf(ids: readonly string[], targets: readonly CampaignTargetDraft[]): string[] {
  return [
    textArrayLiteral(ids),
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
 * Gives back the targets' new ids, in the targets' order: they are made a batch at a time while
 * PostgreSQL stores the batch before, where a city's 200,000 made up front held the creation 0.2 s.
 */
export async function insertTargets(
  sql: BulkSql,
  campaignId: string,
  targets: readonly CampaignTargetDraft[],
  now: Date,
): Promise<string[]> {
  const ids: string[] = [];
  let previous: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < targets.length; start += BATCH) {
    // Made while PostgreSQL stores the batch before.
    const batch = targets.slice(start, start + BATCH);
    const batchIds = batch.map(() => timeOrderedId());
    for (const id of batchIds) ids.push(id);
    const columns = columnsOf(batchIds, batch);
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
  return ids;
}
