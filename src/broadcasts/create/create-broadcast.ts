import { audit } from '../../audit/audit-log';
import type { Db } from '../../db/client';
import type { AreaTree } from '../../directory/area-tree';
import { InvalidInputError } from '../../directory/errors';
import type { UploadedAudio } from '../../speech/uploaded-audio';
import type { Broadcast } from '../../generated/prisma/client';
import type { BroadcastJobs } from '../broadcast-jobs';
import { broadcastColumns } from '../broadcast-record';
import type { QuietHours } from '../domain/quiet-hours';
import { validateBroadcast, type BroadcastRequest, type ReferenceFacts } from '../domain/validate-broadcast';

export interface CreateBroadcastDeps {
  db: Db;
  tree: AreaTree;
  uploads: UploadedAudio;
  jobs: BroadcastJobs;
  quiet: QuietHours;
  now: () => number;
}

export interface Creator {
  actor: string;
  /** The creator's area; null for the whole tree. */
  scopeAreaId: string | null;
}

/** What the request names, looked up within the creator's area: anything outside it counts as unknown. */
async function referenceFacts(
  deps: CreateBroadcastDeps,
  request: BroadcastRequest,
  scopeAreaId: string | null,
): Promise<ReferenceFacts> {
  const { tree, db } = deps;
  const inScope = (id: string) => scopeAreaId === null || tree.isWithin(id, scopeAreaId);
  const areas = new Map<string, { id: string; level: string }>();
  for (const name of [...(request.targets.villages ?? []), ...(request.targets.grids ?? [])]) {
    const area = tree.find(name);
    if (area && inScope(area.id)) areas.set(name, { id: area.id, level: area.level });
  }
  const zoneIds = request.targets.zones ?? [];
  const zones = zoneIds.length
    ? await db.speakerZone.findMany({ where: { id: { in: zoneIds } }, select: { id: true, villageId: true } })
    : [];
  const speakerIds = request.targets.speakers ?? [];
  const speakers = speakerIds.length
    ? await db.speaker.findMany({ where: { id: { in: speakerIds } }, select: { id: true, areaId: true } })
    : [];
  const audioId = request.content.audioFileId;
  return {
    areas,
    zones: new Set(zones.filter((z) => inScope(z.villageId)).map((z) => z.id)),
    speakers: new Set(speakers.filter((s) => inScope(s.areaId)).map((s) => s.id)),
    audioFound: audioId === undefined ? null : (await deps.uploads.find(audioId)) !== null,
  };
}

/**
 * Validates a broadcast against what exists in the creator's area and, when everything is right, stores
 * it and schedules it. Any problem: InvalidInputError with every field's problem, and nothing written.
 */
export async function createBroadcast(
  deps: CreateBroadcastDeps,
  request: BroadcastRequest,
  creator: Creator,
  extra: { alertIdentifier?: string } = {},
): Promise<Broadcast> {
  const nowMs = deps.now();
  const facts = await referenceFacts(deps, request, creator.scopeAreaId);
  const { definition, problems } = validateBroadcast(request, facts, nowMs, deps.quiet);
  if (!definition) throw new InvalidInputError(problems);
  const broadcast = await deps.db.broadcast.create({
    data: {
      ...broadcastColumns(definition),
      scopeAreaId: creator.scopeAreaId,
      status: 'scheduled',
      createdBy: creator.actor,
      alertIdentifier: extra.alertIdentifier ?? null,
    },
  });
  await audit(deps.db, {
    actor: creator.actor,
    action: 'broadcast.create',
    subject: `broadcast:${broadcast.id}`,
    details: { priority: definition.priority, schedule: definition.schedule.kind, drill: definition.drill },
  });
  await deps.jobs.schedule(broadcast.id, definition.schedule, nowMs);
  return broadcast;
}
