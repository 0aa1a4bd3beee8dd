import type { Db } from '../../db/client';
import type { AreaTree } from '../../directory/area-tree';
import { InvalidInputError } from '../../directory/errors';
import { alertBroadcastText, chineseInfo } from '../alerts/alert-broadcast-text';
import type { Alert } from '../alerts/alert';
import { alertReach } from '../alerts/alert-reach';
import type { BroadcastJobs } from '../broadcast-jobs';
import { createBroadcast, type CreateBroadcastDeps, type Creator } from '../create/create-broadcast';

/** What linli did with an alert. */
export interface AlertOutcome {
  action: 'broadcast' | 'updated' | 'cancelled' | 'ignored' | 'duplicate' | 'no-speakers';
  broadcastId: string | null;
  /** Broadcasts of earlier alerts this one stopped (Update, Cancel). */
  cancelled: string[];
  drill: boolean;
  /** Areas of the alert that matched no village and no speaker of the caller's area. */
  unmatchedAreas: string[];
  reason: string | null;
  /** What was broadcast and where, for a campaign to the same villages' households. */
  spoken: { title: string; text: string; villageCodes: string[] } | null;
}

/** How long an alert's broadcast keeps trying offline speakers: until the alert expires, at most four hours. */
const LONGEST_VALIDITY_MIN = 240;
const DEFAULT_VALIDITY_MIN = 60;

async function cancelEarlier(db: Db, jobs: BroadcastJobs, alert: Alert): Promise<string[]> {
  const identifiers = alert.references.map((r) => r.identifier);
  if (identifiers.length === 0) return [];
  const earlier = await db.broadcast.findMany({
    where: { alertIdentifier: { in: identifiers }, status: { not: 'cancelled' } },
    select: { id: true },
  });
  for (const { id } of earlier) {
    await db.broadcast.update({ where: { id }, data: { status: 'cancelled' } });
    await jobs.cancel(id);
  }
  return earlier.map((b) => b.id);
}

/**
 * Acts on an alert: an Alert becomes an emergency broadcast to the speakers of its area (an Exercise a
 * drill), an Update replaces the earlier alert's broadcast, a Cancel stops it. System and Test messages
 * are acknowledged and not broadcast. The same alert twice is broadcast once.
 */
export async function alertToBroadcast(
  deps: CreateBroadcastDeps,
  alert: Alert,
  creator: Creator,
  tree: AreaTree,
): Promise<AlertOutcome> {
  const { db, jobs } = deps;
  const drill = alert.status === 'exercise';
  const none = { broadcastId: null, cancelled: [], drill, unmatchedAreas: [], reason: null, spoken: null };
  if (alert.status === 'system' || alert.status === 'test') {
    return { ...none, action: 'ignored', reason: `a ${alert.status} message is not broadcast` };
  }
  const existing = await db.broadcast.findFirst({ where: { alertIdentifier: alert.identifier } });
  if (existing) return { ...none, action: 'duplicate', broadcastId: existing.id };
  const cancelled = await cancelEarlier(db, jobs, alert);
  if (alert.msgType === 'cancel') return { ...none, action: 'cancelled', cancelled };

  const inScope = (id: string) => creator.scopeAreaId === null || tree.isWithin(id, creator.scopeAreaId);
  const villages = tree
    .nodes()
    .filter((a) => a.level === 'VILLAGE' && inScope(a.id))
    .map((v) => {
      const town = v.parentId ? tree.get(v.parentId) : undefined;
      return {
        id: v.id,
        name: v.name,
        code: v.code,
        ...(town ? { town: { name: town.name, code: town.code } } : {}),
      };
    });
  const speakers = (
    await db.speaker.findMany({
      select: { id: true, villageId: true, areaId: true, latitude: true, longitude: true },
    })
  ).filter((s) => inScope(s.areaId));
  const reach = alertReach(alert, villages, speakers);
  const outcome = { ...none, cancelled, unmatchedAreas: reach.unmatchedAreas };
  if (reach.speakerIds.length === 0) {
    return { ...outcome, action: 'no-speakers', reason: 'no speaker of your area is in the alert’s area' };
  }
  const expires = chineseInfo(alert)?.expires?.getTime();
  const nowMs = deps.now();
  if (expires !== undefined && expires <= nowMs) {
    throw new InvalidInputError([{ field: 'alert.info.expires', reason: 'the alert has expired already' }]);
  }
  const validMinutes =
    expires === undefined
      ? DEFAULT_VALIDITY_MIN
      : Math.min(LONGEST_VALIDITY_MIN, Math.max(1, (expires - nowMs) / 60_000));
  const { text } = alertBroadcastText(alert);
  if (text === '')
    throw new InvalidInputError([
      { field: 'alert.info', reason: 'no headline, description or instruction to speak' },
    ]);
  const title = (chineseInfo(alert)?.headline || chineseInfo(alert)?.event || '预警信息').slice(0, 80);
  const broadcast = await createBroadcast(
    deps,
    {
      title,
      priority: 'emergency',
      content: { text },
      repeat: 2,
      chime: true,
      drill,
      targets: { speakers: reach.speakerIds },
      validMinutes,
    },
    creator,
    { alertIdentifier: alert.identifier },
  );
  return {
    ...outcome,
    action: alert.msgType === 'update' ? 'updated' : 'broadcast',
    broadcastId: broadcast.id,
    spoken: {
      title,
      text,
      villageCodes: reach.villageIds.flatMap((id) => tree.get(id)?.code ?? []),
    },
  };
}
