import type { BulkSql } from '../../db/bulk-sql';
import type { BroadcastPriority } from '../../generated/prisma/client';
import type { BroadcastTargets } from '../domain/broadcast-definition';

/*
 * The statements an occurrence writes for every one of its speakers at once. A village-wide emergency
 * has a thousand speakers or more, and through Prisma their ids as bind parameters (one row of eight
 * per speaker to insert, a thousand ids to mark sent) cost hundreds of milliseconds of this process's
 * time before the first speaker heard a thing; here each is one statement with a handful of
 * parameters, sent to the driver itself (src/db/bulk-sql.ts).
 */

const at = (param: number) => `($${param}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * Writes a pending delivery for every speaker the targets name whose priority floor is one of
 * `floors`, in the database itself (no speaker is read into this process); an occurrence written
 * before keeps its deliveries.
 */
export async function insertDeliveries(
  sql: BulkSql,
  occurrence: {
    broadcastId: string;
    at: Date;
    expiresAt: Date;
    targets: BroadcastTargets;
    floors: readonly BroadcastPriority[];
  },
  now: Date,
): Promise<void> {
  const { targets } = occurrence;
  await sql.query(
    `INSERT INTO "BroadcastDelivery"
       ("id", "broadcastId", "occurrence", "speakerId", "state", "attempts", "expiresAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1::text, ${at(2)}, s."id", 'pending', 0, ${at(3)}, ${at(4)}
       FROM "Speaker" s
      WHERE s."priorityFloor"::text = ANY($5::text[])
        AND (s."villageId" = ANY($6::text[]) OR s."areaId" = ANY($7::text[])
             OR s."zoneId" = ANY($8::text[]) OR s."id" = ANY($9::text[]))
     ON CONFLICT ("broadcastId", "occurrence", "speakerId") DO NOTHING`,
    [
      occurrence.broadcastId,
      occurrence.at.toISOString(),
      occurrence.expiresAt.toISOString(),
      now.toISOString(),
      [...occurrence.floors],
      [...targets.villageIds],
      [...targets.gridIds],
      [...targets.zoneIds],
      [...targets.speakerIds],
    ],
  );
}

/** Marks deliveries still to play as sent now (one more attempt), all in one statement. */
export async function markSent(sql: BulkSql, deliveryIds: readonly string[], now: Date): Promise<void> {
  if (deliveryIds.length === 0) return;
  await sql.query(
    `UPDATE "BroadcastDelivery"
        SET "state" = 'sent', "sentAt" = ${at(2)}, "reason" = NULL, "attempts" = "attempts" + 1,
            "updatedAt" = ${at(2)}
      WHERE "id" = ANY($1::text[]) AND "state" IN ('pending', 'sent')`,
    [[...deliveryIds], now.toISOString()],
  );
}

/** A delivery to try, with what sending needs of its speaker. */
export interface DueDelivery {
  id: string;
  state: string;
  reason: string | null;
  sentAt: Date | null;
  expiresAt: Date;
  speaker: {
    id: string;
    kind: 'SIP' | 'MQTT';
    endpoint: string;
    zoneId: string | null;
    villageId: string;
    volume: number;
    online: boolean;
    lastSeenAt: Date | null;
  };
}

/** A due delivery as the join returns it: its speaker's columns flat beside its own. */
interface DueRow extends Omit<DueDelivery, 'speaker'>, Omit<DueDelivery['speaker'], 'id'> {
  speakerId: string;
}

/**
 * An occurrence's deliveries due a try now, with their speakers: those not sent yet, and those sent to
 * an MQTT speaker before `sentBefore` that never reported (deliveries past `now` are not due, they
 * expire). One join read in the database: through Prisma, a thousand deliveries and then their
 * thousand speakers by id were the better part of the time before the first command went out.
 */
export async function dueDeliveries(
  sql: BulkSql,
  occurrence: { broadcastId: string; at: Date },
  now: Date,
  sentBefore: Date,
): Promise<DueDelivery[]> {
  const utc = (column: string) => `(${column} AT TIME ZONE 'UTC')`;
  const rows = await sql.query<DueRow>(
    `SELECT d."id", d."state", d."reason", ${utc('d."sentAt"')} AS "sentAt",
            ${utc('d."expiresAt"')} AS "expiresAt", s."id" AS "speakerId", s."kind"::text AS "kind",
            s."endpoint", s."zoneId", s."villageId", s."volume", s."online",
            ${utc('s."lastSeenAt"')} AS "lastSeenAt"
       FROM "BroadcastDelivery" d JOIN "Speaker" s ON s."id" = d."speakerId"
      WHERE d."broadcastId" = $1 AND d."occurrence" = ${at(2)} AND d."expiresAt" > ${at(3)}
        AND (d."state" = 'pending'
             OR (d."state" = 'sent' AND s."kind" = 'MQTT'
                 AND (d."sentAt" IS NULL OR d."sentAt" <= ${at(4)})))`,
    [occurrence.broadcastId, occurrence.at.toISOString(), now.toISOString(), sentBefore.toISOString()],
  );
  return rows.map(({ speakerId, kind, endpoint, zoneId, villageId, volume, online, lastSeenAt, ...d }) => ({
    ...d,
    speaker: { id: speakerId, kind, endpoint, zoneId, villageId, volume, online, lastSeenAt },
  }));
}
