import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { ATTEMPT_ID_PREFIX } from './campaign-job';

function isDuplicate(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

/**
 * Creates the attempt row before anything is dialled; the row's (target, attempt number) is unique, so of
 * two workers holding the same job only one ever dials. False when the campaign stopped running or the
 * household is no longer waiting for this attempt.
 */
export async function claimAttempt(
  db: Db,
  attempt: { campaignId: string; targetId: string; attemptNo: number; callId: string; number: string },
): Promise<boolean> {
  const { campaignId, targetId, attemptNo, callId, number } = attempt;
  try {
    return await db.$transaction(async (tx) => {
      const running = await tx.campaign.count({
        where: { id: campaignId, status: { in: ['RUNNING', 'SCHEDULED'] } },
      });
      if (running === 0) return false;
      const claimed = await tx.campaignTarget.updateMany({
        where: { id: targetId, state: 'PENDING', attemptCount: attemptNo - 1 },
        data: { state: 'DIALING', attemptCount: attemptNo, nextAttemptAt: null },
      });
      if (claimed.count === 0) return false;
      await tx.campaignAttempt.create({ data: { id: callId, campaignId, targetId, attemptNo, number } });
      return true;
    });
  } catch (err) {
    if (isDuplicate(err)) return false;
    throw err;
  }
}

/** Gives an attempt back when Asterisk certainly did not take the originate. */
export async function unclaimAttempt(
  db: Db,
  attempt: { targetId: string; attemptNo: number; callId: string },
): Promise<void> {
  await db.$transaction([
    db.campaignAttempt.deleteMany({ where: { id: attempt.callId, endedAt: null, answeredAt: null } }),
    db.campaignTarget.updateMany({
      where: { id: attempt.targetId, state: 'DIALING', attemptCount: attempt.attemptNo },
      data: { state: 'PENDING', attemptCount: attempt.attemptNo - 1 },
    }),
  ]);
}

export async function isDoNotCall(db: Db, campaignList: readonly string[], number: string): Promise<boolean> {
  if (campaignList.includes(number)) return true;
  return (await db.doNotCall.count({ where: { e164: number } })) > 0;
}

/** A number put on the do-not-call list after the campaign was created: recorded, never dialled. */
export async function recordDoNotCall(
  db: Db,
  attempt: { campaignId: string; targetId: string; attemptNo: number; number: string },
): Promise<void> {
  const now = new Date();
  try {
    await db.campaignAttempt.create({
      data: {
        id: `${ATTEMPT_ID_PREFIX}${randomUUID()}`,
        ...attempt,
        startedAt: now,
        endedAt: now,
        outcome: 'do_not_call',
      },
    });
  } catch (err) {
    if (!isDuplicate(err)) throw err;
  }
}
