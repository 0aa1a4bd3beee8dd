import type { Db } from '../../db/client';
import type { PreemptibleCalls } from '../../telephony/trunk-budget';

/** Q.850 8: the attempt's cause, written before the hangup, makes it an uncharged infrastructure failure. */
const PREEMPTION = 8;

/**
 * Campaign calls an SOS call may end to free its channel: the lowest-priority campaign's newest call
 * first (it has been listened to least), an emergency campaign's last.
 */
export function preemptibleAttempts(db: Db): PreemptibleCalls {
  return {
    async candidates(trunk) {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT a."id" FROM "CampaignAttempt" a JOIN "Campaign" c ON c."id" = a."campaignId"
        WHERE c."trunk" = ${trunk} AND a."endedAt" IS NULL AND a."hangupCause" IS NULL
        ORDER BY c."priority" DESC, a."startedAt" DESC
        LIMIT 10`;
      return rows.map((r) => r.id);
    },
    async markPreempted(callId) {
      await db.campaignAttempt.updateMany({
        where: { id: callId, endedAt: null, hangupCause: null },
        data: { hangupCause: PREEMPTION },
      });
    },
  };
}
