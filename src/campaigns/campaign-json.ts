import { z } from 'zod';
import { exhaustiveEnum, VersionedJson } from '../db/versioned-json';
import type {
  AnsweringMachineMode,
  CampaignActual,
  StoredDefinition,
  StoredPrediction,
} from './campaign-columns';
import type { CampaignPriority, DialledOutcome, MenuAction } from './domain';

/**
 * How Campaign.definition, .prediction and .actual are stored, version by version. A campaign runs
 * across deploys, so a change to these shapes is a new version with an upgrade, never an edit of an
 * old one.
 */

const retryRule = z.object({ retries: z.number().int(), delayMinutes: z.number() });

const definitionFields = {
  name: z.string(),
  audience: z.object({
    villageIds: z.array(z.string()),
    gridIds: z.array(z.string()),
    householdTags: z.array(z.string()),
    uploadedListId: z.string().nullable(),
  }),
  message: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('tts'), text: z.string() }),
    z.object({ kind: z.literal('audio'), audioFileId: z.string() }),
  ]),
  menu: z.object({
    options: z.array(
      z.object({
        digit: z.string(),
        action: exhaustiveEnum<MenuAction>({ confirm: true, decline: true, repeat: true }),
        label: z.string(),
      }),
    ),
    maxRepeats: z.number().int(),
  }),
  trunk: z.string(),
  callerId: z.string(),
  maxChannels: z.number().nullable(),
  maxCallsPerSecond: z.number().nullable(),
  window: z.object({ start: z.string(), end: z.string(), excludedDates: z.array(z.string()) }),
  retry: z.object({
    busy: retryRule,
    no_answer: retryRule,
    failed: retryRule,
    answered_no_digit: retryRule,
    rejected: retryRule,
    unknown: retryRule,
    machine: retryRule.extend({ leaveMessage: z.boolean() }),
    maxRoundsPerHousehold: z.number().int(),
  }),
  doNotCall: z.array(z.string()),
  priority: exhaustiveEnum<CampaignPriority>({ emergency: true, high: true, normal: true, low: true }),
  drill: z.boolean(),
  settings: z.object({
    answeringMachine: exhaustiveEnum<AnsweringMachineMode>({
      ignore: true,
      'leave-message': true,
      'retry-later': true,
    }),
    ringTimeoutSeconds: z.number(),
    digitTimeoutSeconds: z.number(),
    announceMenu: z.boolean(),
  }),
};

/** Version 1 also kept the message rendered at creation, as Asterisk file paths. */
const definitionV1 = z.object({
  ...definitionFields,
  prompts: z.object({ message: z.string(), ack: z.string().nullable() }),
});

/** Version 2: prompts are derived from the message when a call is placed, so none are stored. */
const definitionV2 = z.object(definitionFields) satisfies z.ZodType<StoredDefinition>;

export const campaignDefinitionJson: VersionedJson<StoredDefinition> = VersionedJson.first(
  'Campaign.definition',
  definitionV1,
).next(definitionV2, ({ prompts: _dropped, ...rest }) => rest);

/** Dates are stored as ISO strings and read back as Dates. */
const isoDate = z.iso.datetime().transform((s) => new Date(s));
const count = z.number();

const predictionV1 = z.object({
  startsAt: isoDate,
  predictedEnd: isoDate,
  predictedAttempts: count,
  channelSeconds: count,
  lowerBoundSeconds: count,
  callingSeconds: count,
  predictedReachedHouseholds: count,
  statistics: z.object({
    outcomeShares: z.object({
      confirmed: count,
      declined: count,
      answered_no_digit: count,
      busy: count,
      no_answer: count,
      rejected: count,
      failed: count,
      machine: count,
      unknown: count,
    } satisfies Record<DialledOutcome, z.ZodNumber>),
    meanRingMs: count,
    meanNoAnswerRingMs: count,
    meanTalkMs: count.nullable(),
    meanUnansweredSetupMs: count,
  }),
  basis: z.enum(['history', 'defaults']),
}) satisfies z.ZodType<StoredPrediction>;

export const campaignPredictionJson: VersionedJson<StoredPrediction> = VersionedJson.first(
  'Campaign.prediction',
  predictionV1,
);

const predictedVsActual = z.object({ predicted: count, actual: count, relativeError: count.nullable() });

const actualV1 = z.object({
  endedAt: isoDate,
  startedAt: isoDate.nullable(),
  attempts: count,
  channelSeconds: count,
  comparison: z
    .object({
      predictedEnd: isoDate,
      actualEnd: isoDate,
      endErrorMinutes: count,
      duration: predictedVsActual,
      attempts: predictedVsActual,
      channelSeconds: predictedVsActual,
    })
    .nullable(),
}) satisfies z.ZodType<CampaignActual>;

export const campaignActualJson: VersionedJson<CampaignActual> = VersionedJson.first(
  'Campaign.actual',
  actualV1,
);
