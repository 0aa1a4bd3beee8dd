import type { Db } from '../db/client';
import type { CampaignStatus } from '../generated/prisma/client';
import { campaignActualJson, campaignDefinitionJson, campaignPredictionJson } from './campaign-json';
import type { CampaignDefinition, CampaignPriority, CapacityPlan, PlanComparison } from './domain';
import { priorityFromColumn } from './dialer/campaign-job';

export const ANSWERING_MACHINE_MODES = ['ignore', 'leave-message', 'retry-later'] as const;
/**
 * ignore: no detection, a machine counts as answered without a key; leave-message: play the message after
 * the beep (the household is done); retry-later: hang up on machines and call again (retry.machine).
 */
export type AnsweringMachineMode = (typeof ANSWERING_MACHINE_MODES)[number];

/** How calls are placed, beyond the campaign rules of the domain. */
export interface DialSettings {
  answeringMachine: AnsweringMachineMode;
  ringTimeoutSeconds: number;
  digitTimeoutSeconds: number;
  /** Append "确认请按1，…" built from the menu labels to the message. */
  announceMenu: boolean;
}

/** Campaign.definition as stored (campaign-json.ts): the validated definition and the dial settings. */
export interface StoredDefinition extends CampaignDefinition {
  settings: DialSettings;
}

/** Campaign.prediction: the capacity planner's plan at creation, and what its statistics came from. */
export interface StoredPrediction extends CapacityPlan {
  basis: 'history' | 'defaults';
}

/** Campaign.actual, written when the campaign completes: what happened, beside the prediction. */
export interface CampaignActual {
  endedAt: Date;
  startedAt: Date | null;
  attempts: number;
  channelSeconds: number;
  /** Null when the campaign had no readable prediction. */
  comparison: PlanComparison | null;
}

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
    definition: campaignDefinitionJson.read(row.id, row.definition),
    prediction: row.prediction === null ? null : campaignPredictionJson.read(row.id, row.prediction),
    actual: row.actual === null ? null : campaignActualJson.read(row.id, row.actual),
    createdAt: row.createdAt,
  };
}
