import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import type { IncidentStatus, SosSource } from '../domain';
import { incidentStateJson, incidentTimelineJson } from './incident-json';
import type { IncidentRecord, StoredTimelineEntry } from './incident-record';

/** The columns an incident's escalation works on; the API view adds its timeline. */
export const recordSelect = {
  id: true,
  elderId: true,
  status: true,
  trigger: true,
  elderCallId: true,
  openedAt: true,
  resolvedAt: true,
  resolvedBy: true,
  state: true,
} as const;

type IncidentRow = Prisma.SosIncidentGetPayload<{ select: typeof recordSelect }>;

/** Throws UnreadableJsonError when the state is not one this deploy can continue. */
function toRecord(row: IncidentRow): IncidentRecord {
  return {
    ...row,
    status: row.status as IncidentStatus,
    trigger: row.trigger as SosSource,
    state: incidentStateJson.read(row.id, row.state),
  };
}

export async function loadIncident(db: Db, id: string): Promise<IncidentRecord | null> {
  const row = await db.sosIncident.findUnique({ where: { id }, select: recordSelect });
  return row ? toRecord(row) : null;
}

/** The elder's open incidents and those resolved since `resolvedSince`, for matching a new trigger. */
export async function incidentsForMatching(
  db: Db,
  elderId: string,
  resolvedSince: Date,
): Promise<IncidentRecord[]> {
  const rows = await db.sosIncident.findMany({
    where: { elderId, OR: [{ resolvedAt: null }, { resolvedAt: { gte: resolvedSince } }] },
    select: recordSelect,
  });
  return rows.map(toRecord);
}

export async function createIncident(
  db: Db,
  record: IncidentRecord,
  timeline: StoredTimelineEntry[],
): Promise<void> {
  await db.sosIncident.create({
    data: {
      ...record,
      state: incidentStateJson.write(record.state),
      timeline: incidentTimelineJson.write(timeline),
    },
  });
}

/** Writes the record's state and columns and appends to the timeline, in one statement. */
export async function saveIncident(
  db: Db,
  record: IncidentRecord,
  timeline: StoredTimelineEntry[],
): Promise<void> {
  await db.$executeRaw`
    UPDATE "SosIncident" SET
      "state" = ${JSON.stringify(incidentStateJson.write(record.state))}::jsonb,
      "status" = ${record.status},
      "elderCallId" = ${record.elderCallId},
      "resolvedAt" = ${record.resolvedAt?.toISOString() ?? null}::timestamp(3),
      "resolvedBy" = ${record.resolvedBy},
      "timeline" = "timeline" || ${JSON.stringify(incidentTimelineJson.write(timeline))}::jsonb
    WHERE "id" = ${record.id}`;
}

export async function appendTimeline(
  db: Db,
  incidentId: string,
  entries: StoredTimelineEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.$executeRaw`
    UPDATE "SosIncident" SET "timeline" = "timeline" || ${JSON.stringify(incidentTimelineJson.write(entries))}::jsonb WHERE "id" = ${incidentId}`;
}
