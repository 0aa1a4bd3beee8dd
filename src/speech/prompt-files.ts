import type { PromptMedia, PromptRef, ReadyPrompt } from '../telephony/prompt';
import type { Codec, TtsProvider } from './types';
import type { UploadedAudio } from './uploaded-audio';

/** Prompts made ready as sound files in linli's media folder: text through the TTS cache, uploads by id. */
export class PromptFiles implements PromptMedia {
  constructor(
    private readonly tts: TtsProvider,
    private readonly uploads: UploadedAudio,
    private readonly codec: Codec,
  ) {}

  async ready(ref: PromptRef): Promise<ReadyPrompt> {
    switch (ref.kind) {
      case 'sound':
        return ref;
      case 'tts': {
        const audio = await this.tts.synthesize({ text: ref.text, voice: ref.voice, codec: this.codec });
        return { kind: 'file', name: audio.name, durationMs: audio.durationMs };
      }
      case 'audio': {
        const upload = await this.uploads.find(ref.id);
        if (!upload) throw new Error(`no uploaded recording ${ref.id}`);
        return { kind: 'file', name: upload.name, durationMs: upload.durationMs };
      }
    }
  }

  /** How long the prompt plays, for plans and estimates; 1 s for a standard sound. */
  async durationMs(prompt: readonly PromptRef[]): Promise<number> {
    const ready = await Promise.all(prompt.map((ref) => this.ready(ref)));
    return ready.reduce((sum, p) => sum + (p.kind === 'file' ? p.durationMs : 1000), 0);
  }
}
