import { speak, type Prompt } from '../telephony/prompt';
import type { DialSettings } from './campaign-record';
import { ACK_TEXT, DRILL_PREFIX, menuAnnouncement, spokenMessage } from './create/spoken-message';
import type { CampaignDefinition } from './domain';

export interface CampaignPrompts {
  message: Prompt;
  acknowledgement: Prompt;
}

/**
 * What a campaign's calls play, derived from its definition: the text (with the drill notice and the
 * menu announcement) as one spoken message, or the uploaded recording between the two.
 */
export function campaignPrompts(
  definition: Pick<CampaignDefinition, 'message' | 'drill' | 'menu'>,
  settings: Pick<DialSettings, 'announceMenu'>,
): CampaignPrompts {
  const menu = settings.announceMenu ? definition.menu : null;
  const acknowledgement = [speak(ACK_TEXT)];
  if (definition.message.kind === 'tts') {
    return {
      message: [speak(spokenMessage(definition.message.text, definition.drill, menu))],
      acknowledgement,
    };
  }
  return {
    message: [
      ...(definition.drill ? [speak(DRILL_PREFIX)] : []),
      { kind: 'audio', id: definition.message.audioFileId },
      ...(menu ? [speak(menuAnnouncement(menu))] : []),
    ],
    acknowledgement,
  };
}

/** The text of a spoken message, for records; null for a recorded one. */
export function messageText(prompt: Prompt): string | null {
  return prompt.length === 1 && prompt[0]?.kind === 'tts' ? prompt[0].text : null;
}
