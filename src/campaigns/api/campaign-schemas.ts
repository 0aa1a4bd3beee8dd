import { dateTime, nullableDateTime } from '../../api/schemas/common';
import { importReportSchema } from '../../api/schemas/household-import';
import { ANSWERING_MACHINE_MODES } from '../campaign-record';
import { CAMPAIGN_PRIORITIES } from '../domain';

const strings = (description: string, maxItems = 1000) =>
  ({ type: 'array', maxItems, items: { type: 'string', maxLength: 200 }, description }) as const;

const retryRule = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retries: { type: 'integer', description: 'more rounds after rounds ending this way' },
    delayMinutes: { type: 'number', description: 'wait before the next round (fractions allowed)' },
  },
} as const;

/** Types only: ranges and cross-field rules are the domain's (validateCampaign), reported as field errors. */
export const createCampaignBodySchema = {
  type: 'object',
  required: ['name', 'audience', 'message', 'trunk', 'callerId'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 1000 },
    audience: {
      type: 'object',
      additionalProperties: false,
      properties: {
        villages: strings('villages by id or code, within the caller’s area'),
        grids: strings('grids by id or code, within the caller’s area'),
        householdTags: strings('only households with one of these tags (narrows villages and grids)', 50),
        listId: {
          type: 'string',
          maxLength: 64,
          description: 'an uploaded list (POST /api/v1/campaigns/audience-lists)',
        },
      },
    },
    message: {
      type: 'object',
      additionalProperties: false,
      properties: {
        text: {
          type: 'string',
          maxLength: 5000,
          description: 'spoken by TTS in Mandarin, at most 300 characters',
        },
        audioFileId: {
          type: 'string',
          maxLength: 64,
          description: 'an uploaded recording (POST /api/v1/campaigns/audio)',
        },
      },
      oneOf: [{ required: ['text'] }, { required: ['audioFileId'] }],
    },
    menu: {
      type: 'object',
      required: ['options'],
      additionalProperties: false,
      description: 'default: 1 确认, 2 不能参加, 9 重听 (at most twice)',
      properties: {
        options: {
          type: 'array',
          maxItems: 12,
          items: {
            type: 'object',
            required: ['digit', 'action', 'label'],
            additionalProperties: false,
            properties: {
              digit: { type: 'string', maxLength: 2 },
              action: { type: 'string', enum: ['confirm', 'decline', 'repeat'] },
              label: { type: 'string', maxLength: 200 },
            },
          },
        },
        maxRepeats: { type: 'integer', default: 2 },
      },
    },
    announceMenu: {
      type: 'boolean',
      default: true,
      description: 'append "确认请按1，…" built from the menu labels',
    },
    trunk: { type: 'string', maxLength: 64 },
    callerId: { type: 'string', maxLength: 32 },
    maxChannels: {
      type: ['integer', 'null'],
      description: 'this campaign’s cap; the trunk’s channels are shared',
    },
    maxCallsPerSecond: { type: ['number', 'null'] },
    window: {
      type: 'object',
      additionalProperties: false,
      description: 'Asia/Shanghai; default 08:00–20:30 (emergencies: all day)',
      properties: {
        start: { type: 'string', maxLength: 5 },
        end: { type: 'string', maxLength: 5 },
        excludedDates: strings('YYYY-MM-DD without calls', 366),
      },
    },
    retry: {
      type: 'object',
      additionalProperties: false,
      properties: {
        busy: retryRule,
        no_answer: retryRule,
        failed: retryRule,
        answered_no_digit: retryRule,
        rejected: retryRule,
        machine: retryRule,
        unknown: retryRule,
        maxRoundsPerHousehold: { type: 'integer' },
      },
    },
    doNotCall: strings('numbers never to call in this campaign (the DoNotCall table always applies)', 10_000),
    priority: { type: 'string', enum: CAMPAIGN_PRIORITIES, default: 'normal' },
    drill: {
      type: 'boolean',
      default: false,
      description: 'an exercise: announced as 演练 and marked in results',
    },
    answeringMachine: {
      type: 'string',
      enum: ANSWERING_MACHINE_MODES,
      default: 'ignore',
      description: 'leave-message: play the message after the beep; retry-later: hang up and call again',
    },
    ringTimeoutSeconds: { type: 'integer', minimum: 5, maximum: 120, default: 30 },
    digitTimeoutSeconds: { type: 'integer', minimum: 1, maximum: 30, default: 5 },
    startAt: { type: 'string', format: 'date-time', description: 'default now' },
  },
} as const;

export const createCampaignQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { dryRun: { type: 'boolean', default: false, description: 'validate and plan only' } },
} as const;

const looseObject = { type: 'object', additionalProperties: true } as const;
const nullableObject = { type: ['object', 'null'], additionalProperties: true } as const;

export const campaignViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED'] },
    priority: { type: 'string' },
    drill: { type: 'boolean' },
    trunk: { type: 'string' },
    callerId: { type: ['string', 'null'] },
    channelCap: { type: 'integer' },
    cpsCap: { type: 'number' },
    areaId: { type: ['string', 'null'] },
    pausedReason: {
      type: ['string', 'null'],
      description:
        'why linli paused the campaign itself, e.g. trunk_unavailable:congestion; null when a person did',
    },
    messageDurationMs: { type: 'integer' },
    startAt: dateTime,
    startedAt: nullableDateTime,
    completedAt: nullableDateTime,
    createdAt: dateTime,
    definition: looseObject,
    prediction: nullableObject,
    actual: nullableObject,
  },
} as const;

export const campaignCreatedSchema = {
  type: 'object',
  properties: {
    campaign: { anyOf: [campaignViewSchema, { type: 'null' }] },
    plan: {
      ...looseObject,
      description: 'the capacity planner’s prediction (predictedEnd, predictedAttempts…)',
    },
    planBasis: { type: 'string', enum: ['history', 'defaults'] },
    audience: looseObject,
    waitingFor: {
      type: ['string', 'null'],
      enum: ['telephony-engine', null],
      description:
        'telephony-engine: the campaign is created but the engine of its trunk is unreachable; calls start the moment it is back',
    },
  },
} as const;

export const campaignListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED'] },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;

export const progressSchema = {
  type: 'object',
  properties: {
    campaignId: { type: 'string' },
    status: { type: 'string' },
    drill: { type: 'boolean' },
    households: { type: 'integer' },
    byState: { type: 'object', additionalProperties: { type: 'integer' } },
    byOutcome: { type: 'object', additionalProperties: { type: 'integer' } },
    reached: { type: 'integer' },
    attempts: { type: 'integer' },
    callsInFlight: { type: 'integer' },
    callingTrunk: {
      type: 'string',
      description:
        'the trunk its calls go out on now: its own, or another of its group while its server is down',
    },
    trunkChannelsInUse: { type: 'integer' },
    trunkBackoff: {
      type: ['object', 'null'],
      description:
        'the trunk is held back after carrier congestion or an engine failure; no household is charged',
      properties: {
        reason: { type: 'string', enum: ['congestion', 'engine-unavailable', 'not-dialled'] },
        retryAt: dateTime,
        failures: { type: 'integer' },
        failingSince: dateTime,
      },
    },
    pausedReason: { type: ['string', 'null'] },
    channelCap: { type: 'integer' },
    withinWindow: { type: 'boolean' },
    nextWindowOpening: nullableDateTime,
    eta: nullableDateTime,
    etaBasis: { type: ['string', 'null'] },
    predictedEnd: nullableDateTime,
    completedAt: nullableDateTime,
    at: dateTime,
  },
} as const;

export const resultsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    offset: { type: 'integer', minimum: 0, default: 0 },
    state: { type: 'string', enum: ['PENDING', 'DIALING', 'FINAL', 'EXHAUSTED', 'CANCELLED'] },
    outcome: { type: 'string', maxLength: 40 },
  },
} as const;

export const resultsPageSchema = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    drill: { type: 'boolean' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          targetId: { type: 'string' },
          householdId: { type: ['string', 'null'] },
          gridId: { type: ['string', 'null'] },
          gridName: { type: ['string', 'null'] },
          label: { type: 'string' },
          numbers: { type: 'array', items: { type: 'string' } },
          state: { type: 'string' },
          outcome: { type: ['string', 'null'] },
          outcomeLabel: { type: 'string' },
          attempts: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                attemptNo: { type: 'integer' },
                number: { type: 'string' },
                startedAt: dateTime,
                answeredAt: nullableDateTime,
                endedAt: nullableDateTime,
                outcome: { type: ['string', 'null'] },
                digit: { type: ['string', 'null'] },
                hangupCause: { type: ['integer', 'null'] },
                /** The trunk the call went out on (another of its group's while the campaign's server was down). */
                trunk: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const exportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { format: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } },
} as const;

export const uploadQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    mode: {
      type: 'string',
      enum: ['all-or-nothing', 'valid-only'],
      default: 'all-or-nothing',
      description: 'all-or-nothing: any bad row and nothing is kept; valid-only: keep the valid rows',
    },
  },
} as const;

export const notifyQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { again: { type: 'boolean', default: false, description: 'call workers already called' } },
} as const;

const audienceListSummary = {
  rows: { type: 'integer', description: 'numbers kept' },
  errors: importReportSchema.properties.errors,
  duplicates: {
    type: 'array',
    description: 'rows whose number an earlier row has: dialled once',
    items: {
      type: 'object',
      properties: { row: { type: 'integer' }, number: { type: 'string' }, firstRow: { type: 'integer' } },
    },
  },
} as const;

export const audienceListSchema = {
  type: 'object',
  properties: { id: { type: 'string', description: 'for audience.listId' }, ...audienceListSummary },
} as const;

export const audienceListRejectedSchema = {
  type: 'object',
  properties: {
    error: { type: 'string', enum: ['list_rejected'] },
    message: { type: 'string' },
    ...audienceListSummary,
  },
} as const;
