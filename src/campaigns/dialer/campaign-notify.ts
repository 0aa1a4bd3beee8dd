import type { MachineDetection, NotifyRequest } from '../../telephony/verbs/notify';
import type { AnsweringMachineMode, CampaignRecord } from '../campaign-record';
import { campaignPrompts } from '../campaign-prompts';

const MACHINE_DETECTION: Record<AnsweringMachineMode, MachineDetection> = {
  ignore: 'off',
  'leave-message': 'leave-message',
  'retry-later': 'hang-up',
};

/**
 * One campaign call as the telephony port's notify verb: the message, the menu's keys, the repeat key, on
 * `trunk` (the campaign's own, or another of its group while its server is down).
 */
export function campaignNotify(
  campaign: CampaignRecord,
  callId: string,
  number: string,
  trunk: string,
): NotifyRequest {
  const { menu, settings } = campaign.definition;
  const prompts = campaignPrompts(campaign.definition, settings);
  const repeat = menu.options.find((o) => o.action === 'repeat');
  return {
    callId,
    trunk,
    destination: number,
    callerId: campaign.callerId ?? undefined,
    ringTimeoutMs: settings.ringTimeoutSeconds * 1000,
    prompt: prompts.message,
    choices: menu.options
      .filter((o) => o.action === 'confirm' || o.action === 'decline')
      .map((o) => ({ digit: o.digit, label: o.label })),
    ...(repeat ? { repeatDigit: repeat.digit } : {}),
    maxPlays: 1 + menu.maxRepeats,
    digitTimeoutMs: settings.digitTimeoutSeconds * 1000,
    acknowledgement: prompts.acknowledgement,
    machineDetection: MACHINE_DETECTION[settings.answeringMachine],
  };
}
