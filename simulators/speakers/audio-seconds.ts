import { parseWav } from '../../src/speech/asr/wav';

/** How long a WAV file plays, from its header and the size of its data (throws for anything but WAV). */
export function wavSeconds(file: Buffer): number {
  const wav = parseWav(file);
  const bytesPerSecond = (wav.sampleRate * wav.channels * wav.bitsPerSample) / 8;
  if (bytesPerSecond <= 0) throw new Error('WAV header without a sample rate');
  return wav.data.length / bytesPerSecond;
}
