import path from 'node:path';
import { PromptUnavailable } from '../errors/prompt-unavailable';
import type { Prompt, PromptMedia, ReadyPrompt } from '../prompt';

/** Asterisk's own sounds for linli's standard ones. */
const SOUND_FILES = { beep: 'beep' } as const;

/**
 * Turns prompts into what Asterisk's Playback() and Read() take: each file inside Asterisk's view of
 * linli's media folder, without extension, several joined by &.
 */
export class PromptPaths {
  constructor(
    private readonly media: PromptMedia,
    /** linli's media folder as Asterisk sees it (a bind mount of the same folder). */
    private readonly asteriskRoot: string,
  ) {}

  async playable(prompt: Prompt): Promise<string> {
    if (prompt.length === 0) return '';
    let ready: ReadyPrompt[];
    try {
      ready = await Promise.all(prompt.map((ref) => this.media.ready(ref)));
    } catch (err) {
      throw new PromptUnavailable((err as Error).message, { cause: err });
    }
    return ready.map((p) => this.file(p)).join('&');
  }

  /** A name in linli's media folder as Asterisk sees it. */
  mediaPath(name: string): string {
    return path.posix.join(this.asteriskRoot, name);
  }

  private file(prompt: ReadyPrompt): string {
    return prompt.kind === 'sound' ? SOUND_FILES[prompt.name] : this.mediaPath(prompt.name);
  }
}
