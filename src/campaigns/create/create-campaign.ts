import { randomUUID } from 'node:crypto';
import { audit } from '../../api/audit';
import type { TrunkConfig } from '../../config/telephony-config';
import type { Db } from '../../db/client';
import type { AreaTree } from '../../directory/area-tree';
import { InvalidInputError } from '../../directory/errors';
import type { Prisma } from '../../generated/prisma/client';
import type { Codec, TtsProvider } from '../../speech/types';
import { loadCampaign, type CampaignRecord, type StoredDefinition } from '../campaign-record';
import { jobPriority, priorityColumn } from '../dialer/campaign-job';
import type { TrunkQueues } from '../dialer/trunk-queues';
import {
  applyCampaignDefaults,
  planCapacity,
  unknownReferenceError,
  validateAgainstTrunks,
  validateCampaign,
  type CapacityPlan,
  type FieldError,
} from '../domain';
import type { CampaignAudioFiles } from './audio-files';
import type { AudienceLists } from './audience-lists';
import { loadCallHistory } from './call-history';
import { apiFieldPath, interpretRequest, type CreateCampaignRequest } from './campaign-request';
import { renderCampaignMessage } from './render-message';
import { resolveAudience, type AudienceSummary } from './resolve-audience';

export interface CreateCampaignDeps {
  db: Db;
  tree: AreaTree;
  lists: AudienceLists;
  audio: CampaignAudioFiles;
  tts: TtsProvider;
  codec: Codec;
  trunks: readonly TrunkConfig[];
  queues: TrunkQueues;
}

export interface Creator {
  /** Audit actor. */
  actor: string;
  /** The caller's area; null for the whole tree. */
  scopeAreaId: string | null;
}

export interface CampaignCreation {
  /** Null for a dry run. */
  campaign: CampaignRecord | null;
  plan: CapacityPlan;
  /** Whether the plan's statistics come from earlier campaigns or the defaults. */
  planBasis: 'history' | 'defaults';
  audience: AudienceSummary;
}

const rejected = (errors: FieldError[]) =>
  new InvalidInputError(errors.map((e) => ({ field: apiFieldPath(e.path), reason: e.message })));

/**
 * Validates a campaign in full (rules, trunk, audience within the caller's area, audio) and reports every
 * problem at once; creates nothing unless all is well. Then renders the message, plans the campaign from
 * earlier campaigns' calls, stores it with its households and queues their first calls.
 */
export async function createCampaign(
  deps: CreateCampaignDeps,
  request: CreateCampaignRequest,
  creator: Creator,
  options: { dryRun: boolean; now?: Date },
): Promise<CampaignCreation> {
  const now = options.now ?? new Date();
  const { draft, settings, audience: audienceRequest, errors } = interpretRequest(request);
  const definition = applyCampaignDefaults(draft);
  errors.push(...validateCampaign(definition), ...validateAgainstTrunks(definition, deps.trunks));
  if (definition.message.kind === 'audio' && !(await deps.audio.find(definition.message.audioFileId))) {
    errors.push(unknownReferenceError('message.audioFileId', 'audio_file', definition.message.audioFileId));
  }
  const startAt = request.startAt ? new Date(Math.max(now.getTime(), Date.parse(request.startAt))) : now;
  const audience = await resolveAudience(deps, creator.scopeAreaId, audienceRequest, definition.doNotCall);
  errors.push(...audience.errors);
  if (errors.length === 0 && audience.targets.length === 0) {
    errors.push({
      path: 'audience',
      code: 'required',
      message: `nobody to call: ${audience.summary.selectedHouseholds} household(s) and ${audience.summary.listRows} list row(s) selected, none with a number that may be dialled`,
    });
  }
  if (errors.length > 0) throw rejected(errors);

  const trunk = deps.trunks.find((t) => t.name === definition.trunk);
  if (!trunk) throw rejected([unknownReferenceError('trunk', 'trunk', definition.trunk)]);
  const rendered = await renderCampaignMessage(deps, definition, settings);
  const history = await loadCallHistory(deps.db);
  const plan = planCapacity({
    start: startAt,
    households: audience.targets.length,
    numbers: audience.summary.numbers,
    channels: definition.maxChannels ?? trunk.channels,
    callsPerSecond: definition.maxCallsPerSecond ?? trunk.cps,
    messageDurationMs: rendered.durationMs,
    window: definition.window,
    retry: definition.retry,
    history,
  });
  const planBasis = history === null ? 'defaults' : 'history';
  if (options.dryRun) return { campaign: null, plan, planBasis, audience: audience.summary };

  const stored: StoredDefinition = {
    ...definition,
    audience: { ...definition.audience, villageIds: audience.villageIds, gridIds: audience.gridIds },
    settings,
    prompts: { message: rendered.message, ack: rendered.ack },
  };
  const id = randomUUID();
  const targets = audience.targets.map((t) => ({ ...t, id: randomUUID(), campaignId: id }));
  const scheduled = startAt.getTime() > now.getTime();
  await deps.db.$transaction(async (tx) => {
    await tx.campaign.create({
      data: {
        id,
        name: definition.name.trim(),
        createdBy: creator.actor,
        villageId: audience.areaId,
        status: scheduled ? 'SCHEDULED' : 'RUNNING',
        priority: priorityColumn(definition.priority),
        drill: definition.drill,
        trunk: trunk.name,
        callerId: definition.callerId,
        channelCap: definition.maxChannels ?? trunk.channels,
        cpsCap: definition.maxCallsPerSecond ?? trunk.cps,
        definition: toJson(stored),
        messageText: rendered.text,
        messagePrompt: rendered.message,
        messageDurationMs: rendered.durationMs,
        startAt,
        startedAt: scheduled ? null : now,
        prediction: toJson({ ...plan, basis: planBasis }),
      },
    });
    await tx.campaignTarget.createMany({ data: targets });
    await audit(tx, {
      actor: creator.actor,
      action: 'campaign.create',
      subject: `campaign:${id}`,
      details: toJson({
        name: definition.name,
        trunk: trunk.name,
        drill: definition.drill,
        priority: definition.priority,
        audience: { ...audience.summary, skipped: audience.summary.skipped.length },
      }),
    });
  });
  await deps.queues.enqueue(
    trunk.name,
    targets.map((t) => ({
      job: { campaignId: id, targetId: t.id, attemptNo: 1 },
      priority: jobPriority(definition.priority),
      delayMs: startAt.getTime() - now.getTime(),
    })),
  );
  return { campaign: await loadCampaign(deps.db, id), plan, planBasis, audience: audience.summary };
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
