import type { BulkSql } from '../../db/bulk-sql';
import { epochMs, SqlParams } from '../../db/sql-params';
import { textArrayLiteral } from '../../db/text-array-literal';
import type { FinalWrite } from './final-report';

/*
 * The statements speakers' reports write: a batch of MQTT speakers' reports (DeliveryReports), each
 * batch one statement, and a paged SIP speaker's answer (PageReports); sent to the driver itself and
 * prepared once. A village's thousand speakers report `started` while the others still download, and
 * through Prisma each batch's ownership read and updates took some 40% of this process's time then.
 * A report names its delivery and comes from a device: it counts only when that device is the
 * delivery's speaker, checked by the join with "Speaker".
 */

/** A report: which delivery, from which device. */
export interface DeliveryReport {
  deliveryId: string;
  deviceId: string;
}

const reportedRows = (params: SqlParams, reports: readonly DeliveryReport[]) =>
  `unnest(${params.add(textArrayLiteral(reports.map((r) => r.deliveryId)))}::text[],
          ${params.add(textArrayLiteral(reports.map((r) => r.deviceId)))}::text[]) AS r("deliveryId", "deviceId")
     JOIN "BroadcastDelivery" d ON d."id" = r."deliveryId"
     JOIN "Speaker" s ON s."id" = d."speakerId" AND s."endpoint" = r."deviceId"`;

/**
 * Marks the reported deliveries still to play as playing since `startedAtMs`, and gives back the
 * reports that were about the device's own delivery (whether or not it was still to play).
 */
export async function markPlaying(
  sql: BulkSql,
  reports: readonly DeliveryReport[],
  startedAtMs: number,
  nowMs: number,
): Promise<DeliveryReport[]> {
  const params = new SqlParams();
  return sql.query<DeliveryReport>(
    `WITH owned AS (
       SELECT DISTINCT r."deliveryId", r."deviceId" FROM ${reportedRows(params, reports)}
     ), playing AS (
       UPDATE "BroadcastDelivery" d
          SET "state" = 'playing', "startedAt" = ${params.instant(startedAtMs)}, "reason" = NULL,
              "updatedAt" = ${params.instant(nowMs)}
         FROM owned o
        WHERE d."id" = o."deliveryId" AND d."state" IN ('pending', 'sent')
     )
     SELECT "deliveryId", "deviceId" FROM owned`,
    params.values,
    { repeated: true },
  );
}

/** A reported delivery that is the device's own, with what its final report needs. */
export interface OwnedDelivery {
  id: string;
  broadcastId: string;
  speakerId: string;
  deviceId: string;
  startedAt: number | null;
}

/** The reported deliveries that are the reporting device's own. */
export async function ownedDeliveries(
  sql: BulkSql,
  reports: readonly DeliveryReport[],
): Promise<OwnedDelivery[]> {
  const params = new SqlParams();
  return sql.query<OwnedDelivery>(
    `SELECT DISTINCT d."id", d."broadcastId", s."id" AS "speakerId", s."endpoint" AS "deviceId",
            ${epochMs('d', 'startedAt')}
       FROM ${reportedRows(params, reports)}`,
    params.values,
    { repeated: true },
  );
}

/**
 * Writes each delivery's final write, where the delivery is in one of the write's states; columns a
 * write does not name keep their value.
 */
export async function writeFinal(
  sql: BulkSql,
  writes: readonly { deliveryId: string; write: FinalWrite }[],
  nowMs: number,
): Promise<void> {
  if (writes.length === 0) return;
  const params = new SqlParams();
  const column = (value: (data: FinalWrite['data']) => string | number | undefined) =>
    params.add(
      textArrayLiteral(
        writes.map(({ write }) => {
          const v = value(write.data);
          return v === undefined ? null : String(v);
        }),
      ),
    );
  const ids = params.add(textArrayLiteral(writes.map((w) => w.deliveryId)));
  const whenStates = params.add(textArrayLiteral(writes.map((w) => textArrayLiteral(w.write.whenState))));
  await sql.query(
    `UPDATE "BroadcastDelivery" d
        SET "state" = COALESCE(w."state", d."state"),
            "reason" = COALESCE(w."reason", d."reason"),
            "startedAt" = COALESCE(TIMESTAMP 'epoch' + w."startedAt"::bigint * INTERVAL '1 millisecond',
                                   d."startedAt"),
            "secondsPlayed" = COALESCE(w."secondsPlayed"::float8, d."secondsPlayed"),
            "updatedAt" = ${params.instant(nowMs)}
       FROM unnest(${ids}::text[], ${whenStates}::text[], ${column((d) => d.state)}::text[],
                   ${column((d) => d.reason)}::text[], ${column((d) => d.startedAt?.getTime())}::text[],
                   ${column((d) => d.secondsPlayed)}::text[])
            AS w("id", "whenState", "state", "reason", "startedAt", "secondsPlayed")
      WHERE d."id" = w."id" AND d."state" = ANY(w."whenState"::text[])`,
    params.values,
    { repeated: true },
  );
}

/** The devices seen now: online ones with when, offline ones marked so (registered MQTT speakers only). */
export async function markSeen(
  sql: BulkSql,
  seen: readonly { deviceId: string; online: boolean }[],
  atMs: number,
): Promise<void> {
  const params = new SqlParams();
  await sql.query(
    `UPDATE "Speaker" s
        SET "online" = r."online",
            "lastSeenAt" = CASE WHEN r."online" THEN ${params.instant(atMs)} ELSE s."lastSeenAt" END
       FROM unnest(${params.add(textArrayLiteral(seen.map((i) => i.deviceId)))}::text[],
                   ${params.add(textArrayLiteral(seen.map((i) => String(i.online))))}::boolean[])
            AS r("endpoint", "online")
      WHERE s."endpoint" = r."endpoint" AND s."kind" = 'MQTT'`,
    params.values,
    { repeated: true },
  );
}

/**
 * A paged SIP speaker answered: its delivery on that page, if still sent, plays from `atMs` (one
 * statement per answer, the speaker found by its endpoint in the same statement).
 */
export async function markAnswered(
  sql: BulkSql,
  answer: { callId: string; endpoint: string; atMs: number },
  nowMs: number,
): Promise<void> {
  const params = new SqlParams();
  await sql.query(
    `UPDATE "BroadcastDelivery" d
        SET "state" = 'playing', "startedAt" = ${params.instant(answer.atMs)},
            "updatedAt" = ${params.instant(nowMs)}
       FROM "Speaker" s
      WHERE d."callId" = ${params.add(answer.callId)} AND d."state" = 'sent' AND s."id" = d."speakerId"
        AND s."endpoint" = ${params.add(answer.endpoint)}`,
    params.values,
    { repeated: true },
  );
}
