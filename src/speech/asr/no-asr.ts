import type { AsrProvider, Transcript } from './types';

/** ASR_PROVIDER=none: nothing is ever recognised, so every flow falls back to keypad digits. */
export class NoAsr implements AsrProvider {
  transcribe(): Promise<Transcript | null> {
    return Promise.resolve(null);
  }
}
