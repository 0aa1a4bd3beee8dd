import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { requestCall, type PlaceCallData } from '../../calls/place-call';
import type { TrunkConfig } from '../../config/telephony-config';
import type { Db } from '../../db/client';
import type { CampaignRecord } from '../campaign-record';
import { DRILL_PREFIX } from '../create/spoken-message';
import { gridWorkerCallPurpose, type DoorToDoorView } from './door-to-door-lists';

interface GridWorkerCall {
  personId: string;
  name: string;
  number: string;
  households: number;
  callId: string;
}

export interface GridWorkerNotification {
  called: GridWorkerCall[];
  skipped: { personId: string; name: string; reason: 'no_phone' | 'already_notified' }[];
}

const RING_TIMEOUT_MS = 45_000;

/**
 * Calls each grid worker who has households to visit (through the calls queue, one call each) with
 * "您网格内有N户未接通，名单已发送", press 1 to acknowledge. Workers already called for this campaign are
 * skipped unless `again`.
 */
export async function notifyGridWorkers(
  deps: { db: Db; queue: Queue<PlaceCallData>; trunks: TrunkConfig[] },
  campaign: CampaignRecord,
  view: DoorToDoorView,
  again: boolean,
): Promise<GridWorkerNotification> {
  const result: GridWorkerNotification = { called: [], skipped: [] };
  for (const list of view.lists) {
    const number = list.phones[0];
    if (number === undefined) {
      result.skipped.push({ personId: list.personId, name: list.name, reason: 'no_phone' });
      continue;
    }
    if (list.notice && !again) {
      result.skipped.push({ personId: list.personId, name: list.name, reason: 'already_notified' });
      continue;
    }
    const callId = randomUUID();
    await requestCall(
      deps.db,
      deps.queue,
      deps.trunks,
      {
        callId,
        trunk: campaign.trunk,
        destination: number,
        callerId: campaign.callerId ?? undefined,
        text: `${campaign.drill ? DRILL_PREFIX : ''}${list.message}。收到请按1。`,
        digits: '1',
        ringTimeoutMs: RING_TIMEOUT_MS,
      },
      gridWorkerCallPurpose(campaign.id),
    );
    result.called.push({
      personId: list.personId,
      name: list.name,
      number,
      households: list.households.length,
      callId,
    });
  }
  return result;
}
