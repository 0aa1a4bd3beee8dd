import type { CampaignDefinition } from './campaign-definition';
import { type FieldError, unknownReferenceError } from './field-error';

/** What the campaign rules need to know about a configured trunk. */
export interface TrunkLimits {
  name: string;
  channels: number;
  cps: number;
}

/** Checks the campaign's trunk exists and that its caps fit within what the carrier sells. */
export function validateAgainstTrunks(
  campaign: CampaignDefinition,
  trunks: readonly TrunkLimits[],
): FieldError[] {
  const trunk = trunks.find((t) => t.name === campaign.trunk);
  if (!trunk) return [unknownReferenceError('trunk', 'trunk', campaign.trunk)];
  const errors: FieldError[] = [];
  if (campaign.maxChannels !== null && campaign.maxChannels > trunk.channels) {
    errors.push({
      path: 'maxChannels',
      code: 'out_of_range',
      message: `trunk ${trunk.name} has ${trunk.channels} channels`,
    });
  }
  if (campaign.maxCallsPerSecond !== null && campaign.maxCallsPerSecond > trunk.cps) {
    errors.push({
      path: 'maxCallsPerSecond',
      code: 'out_of_range',
      message: `trunk ${trunk.name} accepts ${trunk.cps} calls per second`,
    });
  }
  return errors;
}
