import type { Prisma } from '../../generated/prisma/client';
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
 */
export async function insertTargets(
  tx: Prisma.TransactionClient,
  campaignId: string,
  targets: readonly NewTarget[],
  now: Date,
): Promise<void> {
  for (let start = 0; start < targets.length; start += BATCH) {
    const rows = JSON.stringify(targets.slice(start, start + BATCH));
    await tx.$executeRaw`
      INSERT INTO "CampaignTarget" ("id", "campaignId", "householdId", "gridId", "label", "numbers", "updatedAt")
      SELECT r."id", ${campaignId}, r."householdId", r."gridId", r."label", r."numbers", ${now}
        FROM json_to_recordset(${rows}::json)
          AS r("id" text, "householdId" text, "gridId" text, "label" text, "numbers" text[])`;
  }
}
