import type { AsrProvider, Transcript } from './types';

/** No recogniser configured: nothing is ever recognised, so every flow falls back to keypad digits. */
export class NoAsr implements AsrProvider {
  transcribe(): Promise<Transcript | null> {
    return Promise.resolve(null);
  }
}
