import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import { comparePlanWithActual, type CapacityPlan } from '../domain';

/** Campaign.prediction as stored: a CapacityPlan with its dates as ISO strings. */
export function revivePlan(json: unknown): CapacityPlan | null {
  if (json === null || typeof json !== 'object') return null;
  const plan = json as Record<string, unknown>;
  if (typeof plan.startsAt !== 'string' || typeof plan.predictedEnd !== 'string') return null;
  return {
    ...(plan as unknown as CapacityPlan),
    startsAt: new Date(plan.startsAt),
    predictedEnd: new Date(plan.predictedEnd),
  };
}

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
  const plan = revivePlan(campaign.prediction);
  const actual = {
    endedAt: now.toISOString(),
    startedAt: campaign.startedAt?.toISOString() ?? null,
    ...totals,
    comparison: plan ? comparePlanWithActual(plan, { endedAt: now, ...totals }) : null,
  };
  const done = await db.campaign.updateMany({
    where: { id: campaignId, status: 'RUNNING' },
    data: {
      status: 'COMPLETED',
      completedAt: now,
      actual: JSON.parse(JSON.stringify(actual)) as Prisma.InputJsonValue,
    },
  });
  return done.count === 1;
}
