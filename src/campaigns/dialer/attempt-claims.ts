import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { ATTEMPT_ID_PREFIX } from './campaign-job';

interface PrismaErrorShape {
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
}

/** A unique constraint, as Prisma reports it for a model query (P2002) or through the driver adapter for a raw one. */
function isDuplicate(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, meta } = err as PrismaErrorShape;
  const cause = meta?.driverAdapterError?.cause;
  return code === 'P2002' || cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505';
}

/**
 * Creates the attempt row before anything is dialled; the row's (target, attempt number) is unique, so of
 * two workers holding the same job only one ever dials. False when the campaign stopped running or the
 * household is no longer waiting for this attempt.
 *
 * One statement: the claim sits between a call's end and the next call on that channel, and the
 * campaign's status is read in the same statement so a pause or cancel committed first stops the dial.
 */
export async function claimAttempt(
  db: Db,
  attempt: {
    campaignId: string;
    targetId: string;
    attemptNo: number;
    callId: string;
    number: string;
    /** The trunk the call goes out on. */
    trunk: string;
  },
): Promise<boolean> {
  const { campaignId, targetId, attemptNo, callId, number, trunk } = attempt;
  const now = new Date();
  try {
    const rows = await db.$queryRaw<{ id: string }[]>`
      WITH claimed AS (
        UPDATE "CampaignTarget"
           SET "state" = 'DIALING', "attemptCount" = ${attemptNo}, "nextAttemptAt" = NULL, "updatedAt" = ${now}
         WHERE "id" = ${targetId} AND "campaignId" = ${campaignId} AND "state" = 'PENDING'
           AND "attemptCount" = ${attemptNo - 1}
           AND EXISTS (SELECT 1 FROM "Campaign"
                        WHERE "id" = ${campaignId} AND "status" IN ('RUNNING', 'SCHEDULED'))
        RETURNING "id"
      )
      INSERT INTO "CampaignAttempt" ("id", "campaignId", "targetId", "attemptNo", "number", "trunk", "startedAt")
      SELECT ${callId}, ${campaignId}, "id", ${attemptNo}, ${number}, ${trunk}, ${now} FROM claimed
      RETURNING "id"`;
    return rows.length === 1;
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
