import type { Env } from '../../config/env';
import { ConfigError } from '../../config/env';
import { NoAsr } from './no-asr';
import type { AsrProvider } from './types';
import { VoskAsr } from './vosk-asr';

/** The configured speech input; with Vosk this loads the model, so call it at start-up. */
export async function createAsrProvider(
  env: Pick<Env, 'ASR_PROVIDER' | 'VOSK_MODEL_PATH'>,
): Promise<AsrProvider> {
  if (env.ASR_PROVIDER === 'none') return new NoAsr();
  if (!env.VOSK_MODEL_PATH) {
    throw new ConfigError([
      'VOSK_MODEL_PATH: required when ASR_PROVIDER=vosk (path to an unpacked Vosk model)',
    ]);
  }
  return VoskAsr.open(env.VOSK_MODEL_PATH);
}
