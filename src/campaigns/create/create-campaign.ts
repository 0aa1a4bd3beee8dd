import { randomUUID } from 'node:crypto';
import { audit } from '../../audit/audit-log';
import { bulkSqlInTransaction } from '../../db/bulk-sql';
import type { TrunkConfig } from '../../config/telephony-config';
import type { Db } from '../../db/client';
import type { AreaTree } from '../../directory/area-tree';
import { InvalidInputError } from '../../directory/errors';
import type { PromptFiles } from '../../speech/prompt-files';
import type { UploadedAudio } from '../../speech/uploaded-audio';
import { campaignDefinitionJson, campaignPredictionJson } from '../campaign-json';
import { campaignPrompts, messageText } from '../campaign-prompts';
import { loadCampaign, type CampaignRecord, type StoredDefinition } from '../campaign-record';
import { jobPriority, priorityColumn } from '../dialer/campaign-job';
import type { TrunkQueues } from '../dialer/trunk-queues';
import {
  applyCampaignDefaults,
  planCapacity,
  unknownReference,
  validateAgainstTrunks,
  validateCampaign,
  type CampaignFieldProblem,
  type CapacityPlan,
} from '../domain';
import type { AudienceLists } from './audience-lists';
import { loadCallHistory } from './call-history';
import { apiFieldPath, interpretRequest, type CreateCampaignRequest } from './campaign-request';
import { queueFirstAttempts, type QueueingOutcome } from './queue-first-attempts';
import { resolveAudience, type AudienceSummary } from './resolve-audience';
import { insertTargets } from './write-targets';

export interface CreateCampaignDeps {
  db: Db;
  tree: AreaTree;
  lists: AudienceLists;
  uploads: UploadedAudio;
  /** Renders the message once at creation: its length plans the campaign, and the calls find it ready. */
  prompts: PromptFiles;
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

// A city's 200,000 households take seconds to store, past Prisma's 5 s default for a transaction.
const CITY_TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

const rejected = (errors: CampaignFieldProblem[]) =>
  new InvalidInputError(errors.map((e) => ({ field: apiFieldPath(e.field), reason: e.reason })));

/**
 * Validates a campaign in full (rules, trunk, audience within the caller's area, audio) and reports every
 * problem at once; creates nothing unless all is well. Then renders the message, plans the campaign from
 * earlier campaigns' calls, stores it with its households and queues their first calls.
 */
export async function createCampaign(
  deps: CreateCampaignDeps,
  request: CreateCampaignRequest,
  creator: Creator,
  options: {
    dryRun: boolean;
    now?: Date;
    /** Hears when the first calls of all households are queued, or why not (see queueFirstAttempts). */
    onQueued?: (outcome: QueueingOutcome) => void;
  },
): Promise<CampaignCreation> {
  const now = options.now ?? new Date();
  const { draft, settings, audience: audienceRequest, errors } = interpretRequest(request);
  const definition = applyCampaignDefaults(draft);
  errors.push(...validateCampaign(definition), ...validateAgainstTrunks(definition, deps.trunks));
  if (definition.message.kind === 'audio' && !(await deps.uploads.find(definition.message.audioFileId))) {
    errors.push(unknownReference('message.audioFileId', 'audio_file', definition.message.audioFileId));
  }
  const startAt = request.startAt ? new Date(Math.max(now.getTime(), Date.parse(request.startAt))) : now;
  const audience = await resolveAudience(deps, creator.scopeAreaId, audienceRequest, definition.doNotCall);
  errors.push(...audience.errors);
  if (errors.length === 0 && audience.targets.length === 0) {
    errors.push({
      field: 'audience',
      code: 'required',
      reason: `nobody to call: ${audience.summary.selectedHouseholds} household(s) and ${audience.summary.listRows} list row(s) selected, none with a number that may be dialled`,
    });
  }
  if (errors.length > 0) throw rejected(errors);

  const trunk = deps.trunks.find((t) => t.name === definition.trunk);
  if (!trunk) throw rejected([unknownReference('trunk', 'trunk', definition.trunk)]);
  const prompts = campaignPrompts(definition, settings);
  const [messageDurationMs] = await Promise.all([
    deps.prompts.durationMs(prompts.message),
    deps.prompts.durationMs(prompts.acknowledgement),
  ]);
  const history = await loadCallHistory(deps.db);
  const plan = planCapacity({
    start: startAt,
    households: audience.targets.length,
    numbers: audience.summary.numbers,
    channels: definition.maxChannels ?? trunk.channels,
    callsPerSecond: definition.maxCallsPerSecond ?? trunk.cps,
    messageDurationMs,
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
  };
  const id = randomUUID();
  const scheduled = startAt.getTime() > now.getTime();
  const targetIds = await deps.db.$transaction(async (tx) => {
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
        definition: campaignDefinitionJson.write(stored),
        messageText: messageText(prompts.message),
        messageDurationMs,
        startAt,
        startedAt: scheduled ? null : now,
        prediction: campaignPredictionJson.write({ ...plan, basis: planBasis }),
      },
    });
    const ids = await insertTargets(await bulkSqlInTransaction(deps.db, tx), id, audience.targets, now);
    await audit(tx, {
      actor: creator.actor,
      action: 'campaign.create',
      subject: `campaign:${id}`,
      details: {
        name: definition.name,
        trunk: trunk.name,
        drill: definition.drill,
        priority: definition.priority,
        audience: { ...audience.summary, skipped: audience.summary.skipped.length },
      },
    });
    return ids;
  }, CITY_TRANSACTION);
  // Read before the queueing starts: queueing a city's calls in the background takes the event loop a
  // chunk at a time, and the answer would wait behind those chunks.
  const campaign = await loadCampaign(deps.db, id);
  const { rest } = await queueFirstAttempts(
    deps.queues,
    trunk.name,
    targetIds.map((targetId) => ({
      job: { campaignId: id, targetId, attemptNo: 1 },
      priority: jobPriority(definition.priority),
      delayMs: startAt.getTime() - now.getTime(),
    })),
  );
  void rest.then(options.onQueued);
  return { campaign, plan, planBasis, audience: audience.summary };
}
