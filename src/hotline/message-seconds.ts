import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseWav } from '../speech/asr/wav';

/** How long a recording in the media folder is; 0 when it is missing or unreadable (a case opens anyway). */
export async function recordingSeconds(mediaDir: string, name: string): Promise<number> {
  try {
    const wav = parseWav(await readFile(path.join(mediaDir, `${name}.wav`)));
    const bytesPerSecond = wav.sampleRate * wav.channels * (wav.bitsPerSample / 8);
    return bytesPerSecond > 0 ? wav.data.length / bytesPerSecond : 0;
  } catch {
    return 0;
  }
}
