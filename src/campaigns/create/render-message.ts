import type { Codec, TtsProvider } from '../../speech/types';
import type { DialSettings } from '../campaign-record';
import type { CampaignDefinition } from '../domain';
import type { CampaignAudioFiles } from './audio-files';
import { ACK_TEXT, DRILL_PREFIX, menuAnnouncement, spokenMessage } from './spoken-message';

export interface RenderedMessage {
  /** What LINLI_PROMPT plays: one sound, or several joined by &. */
  message: string;
  ack: string | null;
  durationMs: number;
  /** The TTS text, for records; null for a recorded message. */
  text: string | null;
}

export interface MessageRenderDeps {
  tts: TtsProvider;
  codec: Codec;
  audio: CampaignAudioFiles;
}

/** Renders a campaign's message (and the menu announcement and drill notice) into sounds Asterisk plays. */
export async function renderCampaignMessage(
  deps: MessageRenderDeps,
  definition: CampaignDefinition,
  settings: DialSettings,
): Promise<RenderedMessage> {
  const say = (text: string) => deps.tts.synthesize({ text, codec: deps.codec });
  const ack = await say(ACK_TEXT);
  const menu = settings.announceMenu ? definition.menu : null;
  if (definition.message.kind === 'tts') {
    const text = spokenMessage(definition.message.text, definition.drill, menu);
    const rendered = await say(text);
    return { message: rendered.asteriskPath, ack: ack.asteriskPath, durationMs: rendered.durationMs, text };
  }
  const recording = await deps.audio.find(definition.message.audioFileId);
  if (!recording) throw new Error(`audio file ${definition.message.audioFileId} vanished`);
  const parts = [
    ...(definition.drill ? [await say(DRILL_PREFIX)] : []),
    recording,
    ...(menu ? [await say(menuAnnouncement(menu))] : []),
  ];
  return {
    message: parts.map((p) => p.asteriskPath).join('&'),
    ack: ack.asteriskPath,
    durationMs: parts.reduce((sum, p) => sum + p.durationMs, 0),
    text: null,
  };
}
