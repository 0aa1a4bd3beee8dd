import type { Db } from '../../db/client';
import type { PreemptibleCalls } from '../../telephony/trunk-budget';

/** Q.850 8: the attempt's cause, written before the hangup, makes it an uncharged infrastructure failure. */
const PREEMPTION = 8;

/** Campaign.priority column of emergency campaigns (see priorityColumn). */
const EMERGENCY_COLUMN = 0;

/**
 * Calls in progress on the trunk of campaigns whose priority column is `fromColumn` or more (less
 * important), the lowest-priority campaign's newest call first (it has been listened to least). A call
 * counts on the trunk it went out on: another of its group's while its campaign's server was down.
 */
async function campaignCallsToEnd(
  db: Db,
  trunk: string,
  fromColumn: number,
  limit: number,
): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT a."id" FROM "CampaignAttempt" a JOIN "Campaign" c ON c."id" = a."campaignId"
    WHERE COALESCE(a."trunk", c."trunk") = ${trunk} AND c."priority" >= ${fromColumn}
      AND a."endedAt" IS NULL AND a."hangupCause" IS NULL
    ORDER BY c."priority" DESC, a."startedAt" DESC
    LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** Calls of campaigns below emergency on the trunk that an emergency campaign may end (see emergency-preemption.ts). */
export function normalCampaignCalls(db: Db, trunk: string, limit: number): Promise<string[]> {
  return campaignCallsToEnd(db, trunk, EMERGENCY_COLUMN + 1, limit);
}

/** Campaign calls on the trunk being ended for an SOS or an emergency campaign that have not ended yet. */
export async function campaignCallsEnding(db: Db, trunk: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS "n" FROM "CampaignAttempt" a JOIN "Campaign" c ON c."id" = a."campaignId"
    WHERE COALESCE(a."trunk", c."trunk") = ${trunk} AND a."endedAt" IS NULL AND a."hangupCause" = ${PREEMPTION}`;
  return row?.n ?? 0;
}

/**
 * Marks the attempt as ended for a more important call, before its hangup, so nobody is charged for it;
 * false when it has ended or been marked already.
 */
export async function markAttemptPreempted(db: Db, callId: string): Promise<boolean> {
  const marked = await db.campaignAttempt.updateMany({
    where: { id: callId, endedAt: null, hangupCause: null },
    data: { hangupCause: PREEMPTION },
  });
  return marked.count === 1;
}

/**
 * Campaign calls an SOS call may end to free its channel: the lowest-priority campaign's newest call
 * first (it has been listened to least), an emergency campaign's last.
 */
export function preemptibleAttempts(db: Db): PreemptibleCalls {
  return {
    candidates: (trunk) => campaignCallsToEnd(db, trunk, EMERGENCY_COLUMN, 10),
    markPreempted: async (callId) => {
      await markAttemptPreempted(db, callId);
    },
  };
}
