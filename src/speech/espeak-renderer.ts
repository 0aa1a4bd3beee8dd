import { runProcess } from './run-process';
import { writeTelephonyAudio } from './telephony-audio';
import type { RenderInput, SpeechRenderer } from './types';

/** Debian 12's `cmn` voice misreads Chinese characters; `cmn-latn-pinyin` reads them correctly. */
export const DEFAULT_ESPEAK_VOICE = 'cmn-latn-pinyin';

export interface EspeakOptions {
  voice?: string;
  /** Words per minute. Below espeak-ng's 175 because listeners are often elderly and on a narrowband line. */
  wordsPerMinute?: number;
  timeoutMs?: number;
}

/** Local, offline speech with espeak-ng, converted to telephony audio with sox. Robotic but always there. */
export class EspeakRenderer implements SpeechRenderer {
  readonly name = 'espeak-ng';
  readonly defaultVoice: string;
  private readonly wordsPerMinute: number;
  private readonly timeoutMs: number;

  constructor(options: EspeakOptions = {}) {
    this.defaultVoice = options.voice ?? DEFAULT_ESPEAK_VOICE;
    this.wordsPerMinute = options.wordsPerMinute ?? 160;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async render(input: RenderInput, outPath: string): Promise<void> {
    // Text after "--" so that a message starting with "-" is not taken for an option. Not on stdin: reading
    // stdin, espeak-ng 1.51 ignores an unknown voice and speaks with its default one, exit status 0.
    const args = ['-v', input.voice, '-s', String(this.wordsPerMinute), '--stdout', '--', input.text];
    const wav = await runProcess('espeak-ng', args, { timeoutMs: this.timeoutMs });
    await writeTelephonyAudio(wav, input.codec, outPath, this.timeoutMs);
  }
}
