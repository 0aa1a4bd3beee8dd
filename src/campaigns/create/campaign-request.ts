import type { FromSchema } from 'json-schema-to-ts';
import { parseChinesePhoneNumber } from '../../directory/phone';
import type { createCampaignBodySchema } from '../api/campaign-schemas';
import type { DialSettings } from '../campaign-record';
import { DEFAULT_MENU, type CampaignDraft, type CampaignFieldProblem } from '../domain';
import type { AudienceRequest } from './resolve-audience';

/**
 * POST /api/v1/campaigns as its JSON schema admits it, defaults not yet applied (ranges are checked by
 * the domain rules).
 */
export type CreateCampaignRequest = FromSchema<
  typeof createCampaignBodySchema,
  { keepDefaultedPropertiesOptional: true }
>;

const DEFAULT_RING_TIMEOUT_SECONDS = 30;
const DEFAULT_DIGIT_TIMEOUT_SECONDS = 5;

export interface InterpretedRequest {
  draft: CampaignDraft;
  settings: DialSettings;
  audience: AudienceRequest;
  errors: CampaignFieldProblem[];
}

/** The request as the domain's draft. Numbers on the do-not-call list are read with Chinese numbering rules. */
export function interpretRequest(request: CreateCampaignRequest): InterpretedRequest {
  const errors: CampaignFieldProblem[] = [];
  const doNotCall = (request.doNotCall ?? []).flatMap((raw, i) => {
    const parsed = parseChinesePhoneNumber(raw);
    if (parsed.ok) return [parsed.e164];
    errors.push({ field: `doNotCall[${i}]`, code: 'invalid_format', reason: parsed.reason });
    return [];
  });
  const answeringMachine = request.answeringMachine ?? 'ignore';
  const audience: AudienceRequest = {
    villages: request.audience.villages ?? [],
    grids: request.audience.grids ?? [],
    householdTags: request.audience.householdTags ?? [],
    listId: request.audience.listId ?? null,
  };
  const draft: CampaignDraft = {
    name: request.name,
    audience: {
      villageIds: audience.villages,
      gridIds: audience.grids,
      householdTags: audience.householdTags,
      uploadedListId: audience.listId,
    },
    message:
      request.message.audioFileId !== undefined
        ? { kind: 'audio', audioFileId: request.message.audioFileId }
        : { kind: 'tts', text: request.message.text ?? '' },
    trunk: request.trunk,
    callerId: request.callerId,
    menu: request.menu && {
      ...request.menu,
      maxRepeats: request.menu.maxRepeats ?? DEFAULT_MENU.maxRepeats,
    },
    maxChannels: request.maxChannels,
    maxCallsPerSecond: request.maxCallsPerSecond,
    window: request.window,
    retry: {
      ...request.retry,
      machine: { ...request.retry?.machine, leaveMessage: answeringMachine === 'leave-message' },
    },
    doNotCall,
    priority: request.priority,
    drill: request.drill,
  };
  return {
    draft,
    audience,
    errors,
    settings: {
      answeringMachine,
      ringTimeoutSeconds: request.ringTimeoutSeconds ?? DEFAULT_RING_TIMEOUT_SECONDS,
      digitTimeoutSeconds: request.digitTimeoutSeconds ?? DEFAULT_DIGIT_TIMEOUT_SECONDS,
      announceMenu: request.announceMenu ?? true,
    },
  };
}

const API_AUDIENCE_PATHS: [RegExp, string][] = [
  [/^audience\.villageIds/, 'audience.villages'],
  [/^audience\.gridIds/, 'audience.grids'],
  [/^audience\.uploadedListId/, 'audience.listId'],
];

/** Domain field paths as the API's fields are named. */
export function apiFieldPath(path: string): string {
  for (const [pattern, name] of API_AUDIENCE_PATHS)
    if (pattern.test(path)) return path.replace(pattern, name);
  return path;
}
