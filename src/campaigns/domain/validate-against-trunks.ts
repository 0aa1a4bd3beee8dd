import type { CampaignDefinition } from './campaign-definition';
import { type CampaignFieldProblem, unknownReference } from './campaign-field-problem';

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
): CampaignFieldProblem[] {
  const trunk = trunks.find((t) => t.name === campaign.trunk);
  if (!trunk) return [unknownReference('trunk', 'trunk', campaign.trunk)];
  const errors: CampaignFieldProblem[] = [];
  if (campaign.maxChannels !== null && campaign.maxChannels > trunk.channels) {
    errors.push({
      field: 'maxChannels',
      code: 'out_of_range',
      reason: `trunk ${trunk.name} has ${trunk.channels} channels`,
    });
  }
  if (campaign.maxCallsPerSecond !== null && campaign.maxCallsPerSecond > trunk.cps) {
    errors.push({
      field: 'maxCallsPerSecond',
      code: 'out_of_range',
      reason: `trunk ${trunk.name} accepts ${trunk.cps} calls per second`,
    });
  }
  return errors;
}
