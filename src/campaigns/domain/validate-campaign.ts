import type { AudienceSelection, CampaignDefinition, CampaignMessage } from './campaign-definition';
import { isE164 } from './e164';
import type { FieldError } from './field-error';
import { validateCallingWindow } from './validate-calling-window';
import { validateMenu } from './validate-menu';
import { validateRetryPolicy } from './validate-retry-policy';

/** At about four spoken characters a second this is over a minute; listeners hang up long before. */
export const MAX_TTS_MESSAGE_CHARS = 300;
export const MAX_CAMPAIGN_NAME_CHARS = 100;

/** Same shape as trunk names in TRUNKS (PJSIP endpoint names). */
const TRUNK_NAME = /^[A-Za-z0-9_-]+$/;
/** What carriers accept as a presented number: E.164 or a national number, short service numbers included. */
const CALLER_ID = /^\+?\d{3,20}$/;

/**
 * Every problem in a campaign that can be seen without configuration or the database; an empty list means
 * valid. Unknown trunks, grids and files are the caller's to report (see `unknownReferenceError`).
 */
export function validateCampaign(campaign: CampaignDefinition): FieldError[] {
  return [
    ...validateName(campaign.name),
    ...validateAudience(campaign.audience),
    ...validateMessage(campaign.message),
    ...validateMenu(campaign.menu),
    ...validateTrunkAndCallerId(campaign.trunk, campaign.callerId),
    ...validateCaps(campaign.maxChannels, campaign.maxCallsPerSecond),
    ...validateCallingWindow(campaign.window),
    ...validateRetryPolicy(campaign.retry),
    ...validateDoNotCall(campaign.doNotCall),
    ...validateDrillPriority(campaign),
  ];
}

function validateName(name: string): FieldError[] {
  if (name.trim() === '') return [{ path: 'name', code: 'required', message: 'a campaign needs a name' }];
  if ([...name].length > MAX_CAMPAIGN_NAME_CHARS) {
    return [
      { path: 'name', code: 'too_long', message: `a name has at most ${MAX_CAMPAIGN_NAME_CHARS} characters` },
    ];
  }
  return [];
}

function validateAudience(audience: AudienceSelection): FieldError[] {
  const errors: FieldError[] = [];
  const idLists = [
    ['villageIds', audience.villageIds],
    ['gridIds', audience.gridIds],
    ['householdTags', audience.householdTags],
  ] as const;
  for (const [field, ids] of idLists) {
    ids.forEach((id, i) => {
      if (id.trim() === '') {
        errors.push({
          path: `audience.${field}[${i}]`,
          code: 'required',
          message: 'an empty entry selects nobody',
        });
      }
    });
  }
  const hasArea = audience.villageIds.length > 0 || audience.gridIds.length > 0;
  if (audience.uploadedListId !== null && audience.uploadedListId.trim() === '') {
    errors.push({
      path: 'audience.uploadedListId',
      code: 'required',
      message: 'name the uploaded list, or none',
    });
  }
  if (!hasArea && audience.uploadedListId === null) {
    errors.push({
      path: 'audience',
      code: 'required',
      message: 'choose at least one village, grid or uploaded list',
    });
  } else if (!hasArea && audience.householdTags.length > 0) {
    errors.push({
      path: 'audience.householdTags',
      code: 'conflict',
      message: 'tags narrow villages or grids: choose at least one village or grid',
    });
  }
  return errors;
}

function validateMessage(message: CampaignMessage): FieldError[] {
  if (message.kind === 'audio') {
    return message.audioFileId.trim() === ''
      ? [{ path: 'message.audioFileId', code: 'required', message: 'choose an audio file' }]
      : [];
  }
  const length = [...message.text.trim()].length;
  if (length === 0) return [{ path: 'message.text', code: 'required', message: 'the message is empty' }];
  if (length > MAX_TTS_MESSAGE_CHARS) {
    return [
      {
        path: 'message.text',
        code: 'too_long',
        message: `the message has ${length} characters; at most ${MAX_TTS_MESSAGE_CHARS} fit in one call`,
      },
    ];
  }
  return [];
}

function validateTrunkAndCallerId(trunk: string, callerId: string): FieldError[] {
  const errors: FieldError[] = [];
  if (trunk === '') errors.push({ path: 'trunk', code: 'required', message: 'choose a trunk' });
  else if (!TRUNK_NAME.test(trunk)) {
    errors.push({
      path: 'trunk',
      code: 'invalid_format',
      message: 'a trunk name has letters, digits, _ and - only',
    });
  }
  if (callerId === '')
    errors.push({ path: 'callerId', code: 'required', message: 'choose the number to show' });
  else if (!CALLER_ID.test(callerId)) {
    errors.push({
      path: 'callerId',
      code: 'invalid_format',
      message: 'a caller ID is digits, optionally after +',
    });
  }
  return errors;
}

function validateCaps(maxChannels: number | null, maxCallsPerSecond: number | null): FieldError[] {
  const errors: FieldError[] = [];
  if (maxChannels !== null && (!Number.isInteger(maxChannels) || maxChannels < 1)) {
    errors.push({
      path: 'maxChannels',
      code: 'out_of_range',
      message: 'a channel cap is a whole number, 1 or more',
    });
  }
  if (maxCallsPerSecond !== null && (!Number.isFinite(maxCallsPerSecond) || maxCallsPerSecond <= 0)) {
    errors.push({
      path: 'maxCallsPerSecond',
      code: 'out_of_range',
      message: 'a calls-per-second cap is above 0',
    });
  }
  return errors;
}

function validateDoNotCall(numbers: string[]): FieldError[] {
  return numbers.flatMap((number, i) =>
    isE164(number)
      ? []
      : [{ path: `doNotCall[${i}]`, code: 'invalid_format' as const, message: `"${number}" is not E.164` }],
  );
}

/** Emergency priority takes every free channel; an exercise must not hold back real notifications. */
function validateDrillPriority(campaign: CampaignDefinition): FieldError[] {
  if (!campaign.drill || campaign.priority !== 'emergency') return [];
  return [{ path: 'priority', code: 'conflict', message: 'a drill cannot take emergency priority' }];
}
