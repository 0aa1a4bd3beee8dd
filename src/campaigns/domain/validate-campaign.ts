import type { AudienceSelection, CampaignDefinition, CampaignMessage } from './campaign-definition';
import { isE164 } from './e164';
import type { CampaignFieldProblem } from './campaign-field-problem';
import { validateCallingWindow } from './validate-calling-window';
import { validateMenu } from './validate-menu';
import { validateRetryPolicy } from './validate-retry-policy';

/** At about four spoken characters a second this is over a minute; listeners hang up long before. */
export const MAX_TTS_MESSAGE_CHARS = 300;
const MAX_CAMPAIGN_NAME_CHARS = 100;

/** Same shape as trunk names in TRUNKS (PJSIP endpoint names). */
const TRUNK_NAME = /^[A-Za-z0-9_-]+$/;
/** What carriers accept as a presented number: E.164 or a national number, short service numbers included. */
const CALLER_ID = /^\+?\d{3,20}$/;

/**
 * Every problem in a campaign that can be seen without configuration or the database; an empty list means
 * valid. Unknown trunks, grids and files are the caller's to report (see `unknownReference`).
 */
export function validateCampaign(campaign: CampaignDefinition): CampaignFieldProblem[] {
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

function validateName(name: string): CampaignFieldProblem[] {
  if (name.trim() === '') return [{ field: 'name', code: 'required', reason: 'a campaign needs a name' }];
  if ([...name].length > MAX_CAMPAIGN_NAME_CHARS) {
    return [
      { field: 'name', code: 'too_long', reason: `a name has at most ${MAX_CAMPAIGN_NAME_CHARS} characters` },
    ];
  }
  return [];
}

function validateAudience(audience: AudienceSelection): CampaignFieldProblem[] {
  const errors: CampaignFieldProblem[] = [];
  const idLists = [
    ['villageIds', audience.villageIds],
    ['gridIds', audience.gridIds],
    ['householdTags', audience.householdTags],
  ] as const;
  for (const [field, ids] of idLists) {
    ids.forEach((id, i) => {
      if (id.trim() === '') {
        errors.push({
          field: `audience.${field}[${i}]`,
          code: 'required',
          reason: 'an empty entry selects nobody',
        });
      }
    });
  }
  const hasArea = audience.villageIds.length > 0 || audience.gridIds.length > 0;
  if (audience.uploadedListId !== null && audience.uploadedListId.trim() === '') {
    errors.push({
      field: 'audience.uploadedListId',
      code: 'required',
      reason: 'name the uploaded list, or none',
    });
  }
  if (!hasArea && audience.uploadedListId === null) {
    errors.push({
      field: 'audience',
      code: 'required',
      reason: 'choose at least one village, grid or uploaded list',
    });
  } else if (!hasArea && audience.householdTags.length > 0) {
    errors.push({
      field: 'audience.householdTags',
      code: 'conflict',
      reason: 'tags narrow villages or grids: choose at least one village or grid',
    });
  }
  return errors;
}

function validateMessage(message: CampaignMessage): CampaignFieldProblem[] {
  if (message.kind === 'audio') {
    return message.audioFileId.trim() === ''
      ? [{ field: 'message.audioFileId', code: 'required', reason: 'choose an audio file' }]
      : [];
  }
  const length = [...message.text.trim()].length;
  if (length === 0) return [{ field: 'message.text', code: 'required', reason: 'the message is empty' }];
  if (length > MAX_TTS_MESSAGE_CHARS) {
    return [
      {
        field: 'message.text',
        code: 'too_long',
        reason: `the message has ${length} characters; at most ${MAX_TTS_MESSAGE_CHARS} fit in one call`,
      },
    ];
  }
  return [];
}

function validateTrunkAndCallerId(trunk: string, callerId: string): CampaignFieldProblem[] {
  const errors: CampaignFieldProblem[] = [];
  if (trunk === '') errors.push({ field: 'trunk', code: 'required', reason: 'choose a trunk' });
  else if (!TRUNK_NAME.test(trunk)) {
    errors.push({
      field: 'trunk',
      code: 'invalid_format',
      reason: 'a trunk name has letters, digits, _ and - only',
    });
  }
  if (callerId === '')
    errors.push({ field: 'callerId', code: 'required', reason: 'choose the number to show' });
  else if (!CALLER_ID.test(callerId)) {
    errors.push({
      field: 'callerId',
      code: 'invalid_format',
      reason: 'a caller ID is digits, optionally after +',
    });
  }
  return errors;
}

function validateCaps(maxChannels: number | null, maxCallsPerSecond: number | null): CampaignFieldProblem[] {
  const errors: CampaignFieldProblem[] = [];
  if (maxChannels !== null && (!Number.isInteger(maxChannels) || maxChannels < 1)) {
    errors.push({
      field: 'maxChannels',
      code: 'out_of_range',
      reason: 'a channel cap is a whole number, 1 or more',
    });
  }
  if (maxCallsPerSecond !== null && (!Number.isFinite(maxCallsPerSecond) || maxCallsPerSecond <= 0)) {
    errors.push({
      field: 'maxCallsPerSecond',
      code: 'out_of_range',
      reason: 'a calls-per-second cap is above 0',
    });
  }
  return errors;
}

function validateDoNotCall(numbers: string[]): CampaignFieldProblem[] {
  return numbers.flatMap((number, i) =>
    isE164(number)
      ? []
      : [{ field: `doNotCall[${i}]`, code: 'invalid_format' as const, reason: `"${number}" is not E.164` }],
  );
}

/** Emergency priority takes every free channel; an exercise must not hold back real notifications. */
function validateDrillPriority(campaign: CampaignDefinition): CampaignFieldProblem[] {
  if (!campaign.drill || campaign.priority !== 'emergency') return [];
  return [{ field: 'priority', code: 'conflict', reason: 'a drill cannot take emergency priority' }];
}
