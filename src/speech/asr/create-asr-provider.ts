import type { Env } from '../../config/env';
import { ConfigError } from '../../config/env';
import { NoAsr } from './no-asr';
import type { AsrProvider } from './types';
import { VoskAsr } from './vosk-asr';

/** Whether a recogniser is configured: Vosk when VOSK_MODEL_DIR is set, unless ASR_PROVIDER=none. */
export function asrConfigured(env: Pick<Env, 'ASR_PROVIDER' | 'VOSK_MODEL_DIR'>): boolean {
  return (env.ASR_PROVIDER ?? (env.VOSK_MODEL_DIR ? 'vosk' : 'none')) === 'vosk';
}

/** The configured speech input; with Vosk this loads library and model, so call it at start-up. */
export async function createAsrProvider(
  env: Pick<Env, 'ASR_PROVIDER' | 'VOSK_MODEL_DIR' | 'VOSK_LIBRARY'>,
): Promise<AsrProvider> {
  if (!asrConfigured(env)) return new NoAsr();
  if (!env.VOSK_MODEL_DIR) {
    throw new ConfigError([
      'VOSK_MODEL_DIR: required when ASR_PROVIDER=vosk (path to an unpacked Vosk model)',
    ]);
  }
  return VoskAsr.open(env.VOSK_MODEL_DIR, env.VOSK_LIBRARY);
}
