import type { Db } from '../db/client';
import type { CampaignStatus } from '../generated/prisma/client';
import type { CampaignDefinition, CampaignPriority } from './domain';
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

/** Campaign.definition as stored: the validated definition, the dial settings and the rendered prompts. */
export interface StoredDefinition extends CampaignDefinition {
  settings: DialSettings;
  /** Sounds as Asterisk plays them (paths without extension, several joined by &). */
  prompts: { message: string; ack: string | null };
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
  prediction: unknown;
  actual: unknown;
  createdAt: Date;
}

export class CorruptCampaignError extends Error {
  override readonly name = 'CorruptCampaignError';
}

/** Campaign.definition was written by createCampaign; this only guards against rows edited by hand. */
export function readStoredDefinition(campaignId: string, json: unknown): StoredDefinition {
  const d = json as Partial<StoredDefinition> | null;
  const ok =
    d !== null &&
    typeof d === 'object' &&
    typeof d.menu === 'object' &&
    typeof d.retry === 'object' &&
    typeof d.window === 'object' &&
    typeof d.settings === 'object' &&
    typeof d.prompts === 'object' &&
    typeof d.prompts?.message === 'string';
  if (!ok) throw new CorruptCampaignError(`campaign ${campaignId} has an unreadable definition`);
  return d as StoredDefinition;
}

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
    definition: readStoredDefinition(row.id, row.definition),
    prediction: row.prediction,
    actual: row.actual,
    createdAt: row.createdAt,
  };
}
