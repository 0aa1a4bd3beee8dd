import { runProcess } from './run-process';
import type { Codec } from './types';

export const TELEPHONY_SAMPLE_RATE = 8000;

/** G.711 stores one byte per sample, so length in ms follows from the file size. */
export function g711DurationMs(bytes: number): number {
  return Math.round((bytes * 1000) / TELEPHONY_SAMPLE_RATE);
}

const SOX_TYPE: Record<Codec, string> = { alaw: 'al', ulaw: 'ul' };

/**
 * Converts a WAV file (any rate, encoding and channel count sox reads) to headerless 8 kHz mono G.711 at outPath.
 * -G lets sox lower the gain where resampling would clip, which espeak-ng's loud output otherwise does.
 */
export async function writeTelephonyAudio(
  wav: Buffer,
  codec: Codec,
  outPath: string,
  timeoutMs: number,
): Promise<void> {
  await runProcess(
    'sox',
    ['-G', '-t', 'wav', '-', '-t', SOX_TYPE[codec], '-r', String(TELEPHONY_SAMPLE_RATE), '-c', '1', outPath],
    { input: wav, timeoutMs },
  );
}
