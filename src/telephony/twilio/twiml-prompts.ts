import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { PromptUnavailable } from '../errors/prompt-unavailable';
import type { Prompt, PromptMedia, PromptRef } from '../prompt';
import type { MediaUrls } from './media-urls';
import type { TwilioSpeech } from './twilio-account';

/** One part of a prompt as TwiML plays it: a URL to fetch, or text Twilio speaks itself. */
export type PromptItem =
  { kind: 'play'; url: string } | { kind: 'say'; text: string; language: string; voice?: string };

/** The media name the standard beep is served under (generated, not a file). */
export const BEEP_MEDIA = 'sounds/beep';

/** Turns linli's prompt references into <Play> URLs (or <Say> text, when Twilio speaks). */
export class TwimlPrompts {
  constructor(
    private readonly media: PromptMedia,
    private readonly urls: MediaUrls,
    private readonly speech: TwilioSpeech,
    private readonly language: string,
    private readonly voice?: string,
  ) {}

  async items(prompt: Prompt): Promise<PromptItem[]> {
    try {
      return await Promise.all(prompt.map((ref) => this.item(ref)));
    } catch (err) {
      throw new PromptUnavailable((err as Error).message, { cause: err });
    }
  }

  private async item(ref: PromptRef): Promise<PromptItem> {
    if (ref.kind === 'tts' && this.speech === 'twilio') {
      const voice = ref.voice ?? this.voice;
      return { kind: 'say', text: ref.text, language: this.language, ...(voice ? { voice } : {}) };
    }
    const ready = await this.media.ready(ref);
    return { kind: 'play', url: this.urls.url(ready.kind === 'sound' ? BEEP_MEDIA : ready.name) };
  }
}

/** What <Play> and <Say> can be appended to: the response itself or a <Gather>. */
type Speaks = Pick<VoiceResponse, 'play' | 'say'>;

export function appendPrompt(node: Speaks, items: readonly PromptItem[]): void {
  for (const item of items) {
    if (item.kind === 'play') node.play({}, item.url);
    // Twilio's voice names are a closed list in the typings; linli takes whatever the operator configured.
    else
      node.say(
        { language: item.language as never, ...(item.voice ? { voice: item.voice as never } : {}) },
        item.text,
      );
  }
}
