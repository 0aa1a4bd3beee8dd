import { parseChinesePhoneNumber } from '../../directory/phone';
import type { AnsweringMachineMode, DialSettings } from '../campaign-record';
import type {
  CallingWindow,
  CampaignDraft,
  CampaignPriority,
  DtmfMenu,
  FieldError,
  RetryPolicyOverrides,
} from '../domain';
import type { AudienceRequest } from './resolve-audience';

/** POST /api/v1/campaigns, as its JSON schema admits it (ranges are checked by the domain rules). */
export interface CreateCampaignRequest {
  name: string;
  audience: { villages?: string[]; grids?: string[]; householdTags?: string[]; listId?: string };
  message: { text?: string; audioFileId?: string };
  menu?: DtmfMenu;
  announceMenu?: boolean;
  trunk: string;
  callerId: string;
  maxChannels?: number | null;
  maxCallsPerSecond?: number | null;
  window?: Partial<CallingWindow>;
  retry?: RetryPolicyOverrides;
  doNotCall?: string[];
  priority?: CampaignPriority;
  drill?: boolean;
  answeringMachine?: AnsweringMachineMode;
  ringTimeoutSeconds?: number;
  digitTimeoutSeconds?: number;
  /** ISO date-time; absent or past: now. */
  startAt?: string;
}

export const DEFAULT_RING_TIMEOUT_SECONDS = 30;
export const DEFAULT_DIGIT_TIMEOUT_SECONDS = 5;

export interface InterpretedRequest {
  draft: CampaignDraft;
  settings: DialSettings;
  audience: AudienceRequest;
  errors: FieldError[];
}

/** The request as the domain's draft. Numbers on the do-not-call list are read with Chinese numbering rules. */
export function interpretRequest(request: CreateCampaignRequest): InterpretedRequest {
  const errors: FieldError[] = [];
  const doNotCall = (request.doNotCall ?? []).flatMap((raw, i) => {
    const parsed = parseChinesePhoneNumber(raw);
    if (parsed.ok) return [parsed.e164];
    errors.push({ path: `doNotCall[${i}]`, code: 'invalid_format', message: parsed.reason });
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
    menu: request.menu,
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
