import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../config/env';
import { loadLibVosk, type LibVosk, type VoskHandle } from './libvosk';
import type { AsrProvider, Transcript } from './types';
import { parseWav } from './wav';

export interface VoskResult {
  text: string;
  result?: { word: string; conf: number }[];
}

/** Vosk wants audio in pieces; a quarter second lets it detect the ends of utterances as it goes. */
const CHUNK_SECONDS = 0.25;

/**
 * One Vosk answer, or several utterances of one recording, as linli's transcript: Chinese models put spaces
 * between words, which are dropped between Chinese characters; confidence is the mean of the word confidences.
 */
export function toTranscript(results: readonly VoskResult[]): Transcript | null {
  const words = results.flatMap((r) => r.result ?? []);
  const text = results
    .map((r) => r.text.trim())
    .filter((t) => t !== '')
    .join(' ')
    .replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
  if (text === '') return null;
  const confidence = words.length > 0 ? words.reduce((sum, w) => sum + w.conf, 0) / words.length : 0;
  return { text, confidence };
}

async function checkModelFolder(modelPath: string): Promise<void> {
  const isFile = (p: string) =>
    stat(p).then(
      (s) => s.isFile(),
      () => false,
    );
  const folder = await stat(modelPath).catch(() => undefined);
  if (!folder?.isDirectory()) {
    throw new ConfigError([
      `VOSK_MODEL_DIR: ${modelPath} is not a folder (unpack a Vosk model such as vosk-model-small-cn-0.22 there)`,
    ]);
  }
  // Vosk's own check: the acoustic model, in am/ (current layout) or at the top (old layout).
  const hasModel =
    (await isFile(path.join(modelPath, 'am', 'final.mdl'))) ||
    (await isFile(path.join(modelPath, 'final.mdl')));
  if (!hasModel) {
    throw new ConfigError([`VOSK_MODEL_DIR: ${modelPath} holds no Vosk model (am/final.mdl is missing)`]);
  }
}

function openLibrary(library: string, modelDir: string): LibVosk {
  try {
    return loadLibVosk(library);
  } catch (err) {
    throw new ConfigError([
      `VOSK_LIBRARY: libvosk cannot be loaded from "${library}" (${(err as Error).message.split('\n')[0]}); ` +
        `install Vosk's libvosk.so (see scripts/system-deps.sh) or unset VOSK_MODEL_DIR. VOSK_MODEL_DIR=${modelDir}`,
    ]);
  }
}

/**
 * Offline recognition with Vosk's C library, loaded through koffi (the `vosk` npm module does not build
 * on Node 20). Untested against a real model: none can be downloaded where linli is developed; the
 * start-up checks and the result handling are covered by tests.
 */
export class VoskAsr implements AsrProvider {
  private constructor(
    private readonly vosk: LibVosk,
    private readonly model: VoskHandle,
  ) {}

  /** Checks the model folder and loads library and model at start-up, so a bad setup stops linli with a clear message. */
  static async open(modelDir: string, library = 'libvosk.so'): Promise<VoskAsr> {
    await checkModelFolder(modelDir);
    const vosk = openLibrary(library, modelDir);
    vosk.setLogLevel(-1);
    const model = vosk.modelNew(modelDir);
    if (!model) {
      throw new ConfigError([`VOSK_MODEL_DIR: Vosk cannot load the model in ${modelDir}`]);
    }
    return new VoskAsr(vosk, model);
  }

  async transcribe(wavPath: string): Promise<Transcript | null> {
    const wav = parseWav(await readFile(wavPath));
    if (wav.formatTag !== 1 || wav.bitsPerSample !== 16 || wav.channels !== 1) {
      throw new Error(`${wavPath}: Vosk needs 16-bit mono PCM WAV`);
    }
    const recognizer = this.vosk.recognizerNew(this.model, wav.sampleRate);
    if (!recognizer) throw new Error(`${wavPath}: Vosk could not start a recogniser`);
    try {
      this.vosk.setWords(recognizer, 1);
      const results: VoskResult[] = [];
      const chunkBytes = Math.round(wav.sampleRate * CHUNK_SECONDS) * 2;
      for (let offset = 0; offset < wav.data.length; offset += chunkBytes) {
        const chunk = wav.data.subarray(offset, offset + chunkBytes);
        // 1: an utterance ended with this chunk, and its result is ready.
        if ((await this.vosk.acceptWaveform(recognizer, chunk, chunk.length)) === 1) {
          results.push(JSON.parse(this.vosk.result(recognizer)) as VoskResult);
        }
      }
      results.push(JSON.parse(this.vosk.finalResult(recognizer)) as VoskResult);
      return toTranscript(results);
    } finally {
      this.vosk.recognizerFree(recognizer);
    }
  }
}
