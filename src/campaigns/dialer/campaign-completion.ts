import type { Db } from '../../db/client';
import { campaignActualJson, campaignPredictionJson } from '../campaign-json';
import { comparePlanWithActual } from '../domain';

export async function attemptTotals(
  db: Db,
  campaignId: string,
): Promise<{ attempts: number; channelSeconds: number }> {
  const [row] = await db.$queryRaw<{ attempts: bigint; seconds: number | null }[]>`
    SELECT count(*) AS attempts,
           sum(extract(epoch FROM ("endedAt" - "startedAt")))::float8 AS seconds
    FROM "CampaignAttempt" WHERE "campaignId" = ${campaignId} AND "endedAt" IS NOT NULL`;
  return { attempts: Number(row?.attempts ?? 0), channelSeconds: Math.round(row?.seconds ?? 0) };
}

/**
 * Marks a running campaign completed once no household is waiting or being dialled, and records what
 * actually happened beside the plan's prediction. Safe to call from several workers at once.
 */
export async function completeIfDone(db: Db, campaignId: string, now = new Date()): Promise<boolean> {
  const open = await db.campaignTarget.count({
    where: { campaignId, state: { in: ['PENDING', 'DIALING'] } },
  });
  if (open > 0) return false;
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, prediction: true, startedAt: true },
  });
  if (campaign?.status !== 'RUNNING') return false;
  const totals = await attemptTotals(db, campaignId);
  const plan =
    campaign.prediction === null ? null : campaignPredictionJson.read(campaignId, campaign.prediction);
  const actual = {
    endedAt: now,
    startedAt: campaign.startedAt,
    ...totals,
    comparison: plan ? comparePlanWithActual(plan, { endedAt: now, ...totals }) : null,
  };
  const done = await db.campaign.updateMany({
    where: { id: campaignId, status: 'RUNNING' },
    data: {
      status: 'COMPLETED',
      completedAt: now,
      actual: campaignActualJson.write(actual),
    },
  });
  return done.count === 1;
}
