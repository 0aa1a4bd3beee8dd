import type { Db } from '../db/client';
import type { CampaignStatus } from '../generated/prisma/client';
import { campaignActualJson, campaignDefinitionJson, campaignPredictionJson } from './campaign-json';
import type { CampaignActual, StoredDefinition, StoredPrediction } from './campaign-columns';
import type { CampaignPriority } from './domain';
import { priorityFromColumn } from './dialer/campaign-job';

export { ANSWERING_MACHINE_MODES } from './campaign-columns';
export type { AnsweringMachineMode, DialSettings, StoredDefinition } from './campaign-columns';

export interface CampaignRecord {
  id: string;
  name: string;
  status: CampaignStatus;
  priority: CampaignPriority;
  drill: boolean;
  trunk: string;
  callerId: string | null;
  /** Channels the campaign can use: its own cap, or the trunk's. */
  channelCap: number;
  cpsCap: number;
  areaId: string | null;
  startAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  messageDurationMs: number;
  /** Why linli paused the campaign itself; null when a person paused it (or it is not paused). */
  pausedReason: string | null;
  definition: StoredDefinition;
  prediction: StoredPrediction | null;
  /** Null until the campaign completes. */
  actual: CampaignActual | null;
  createdAt: Date;
}

/** Throws UnreadableJsonError when a JSON column holds nothing this deploy can read. */
export async function loadCampaign(db: Db, id: string): Promise<CampaignRecord | null> {
  const row = await db.campaign.findUnique({ where: { id } });
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    priority: priorityFromColumn(row.priority),
    drill: row.drill,
    trunk: row.trunk,
    callerId: row.callerId,
    channelCap: row.channelCap,
    cpsCap: row.cpsCap,
    areaId: row.villageId,
    startAt: row.startAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    messageDurationMs: row.messageDurationMs,
    pausedReason: row.pausedReason,
    definition: campaignDefinitionJson.read(row.id, row.definition),
    prediction: row.prediction === null ? null : campaignPredictionJson.read(row.id, row.prediction),
    actual: row.actual === null ? null : campaignActualJson.read(row.id, row.actual),
    createdAt: row.createdAt,
  };
}
