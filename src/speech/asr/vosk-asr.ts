import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../config/env';
import type { AsrProvider, Transcript } from './types';
import { parseWav } from './wav';

/** The part of the `vosk` npm module's API linli uses. */
interface VoskModel {
  free(): void;
}
interface VoskRecognizer {
  setWords(words: boolean): void;
  acceptWaveformAsync(data: Buffer): Promise<boolean>;
  result(): VoskResult;
  finalResult(): VoskResult;
  free(): void;
}
interface VoskModule {
  setLogLevel(level: number): void;
  Model: new (modelPath: string) => VoskModel;
  Recognizer: new (options: { model: VoskModel; sampleRate: number }) => VoskRecognizer;
}
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
      `VOSK_MODEL_PATH: ${modelPath} is not a folder (unpack a Vosk model such as vosk-model-small-cn-0.22 there)`,
    ]);
  }
  // Vosk's own check: the acoustic model, in am/ (current layout) or at the top (old layout).
  const hasModel =
    (await isFile(path.join(modelPath, 'am', 'final.mdl'))) ||
    (await isFile(path.join(modelPath, 'final.mdl')));
  if (!hasModel) {
    throw new ConfigError([`VOSK_MODEL_PATH: ${modelPath} holds no Vosk model (am/final.mdl is missing)`]);
  }
}

async function loadVoskModule(modelPath: string): Promise<VoskModule> {
  // A variable, so that neither TypeScript nor a bundler insists on a module this repository does not install.
  const moduleName = 'vosk';
  try {
    return (await import(moduleName)) as VoskModule;
  } catch (err) {
    throw new ConfigError([
      `ASR_PROVIDER=vosk: the "vosk" npm module cannot be loaded (${(err as Error).message.split('\n')[0]}); ` +
        `install it where it builds (it does not on Node 20) or set ASR_PROVIDER=none. VOSK_MODEL_PATH=${modelPath}`,
    ]);
  }
}

/**
 * Offline recognition with Vosk. Untested against a real model: the `vosk` module does not build on Node 20 and
 * no model can be downloaded where linli is developed; only the start-up checks are covered by tests.
 */
export class VoskAsr implements AsrProvider {
  private constructor(
    private readonly vosk: VoskModule,
    private readonly model: VoskModel,
  ) {}

  /** Checks the model folder and loads module and model at start-up, so a bad setup stops linli with a clear message. */
  static async open(modelPath: string): Promise<VoskAsr> {
    await checkModelFolder(modelPath);
    const vosk = await loadVoskModule(modelPath);
    vosk.setLogLevel(-1);
    try {
      return new VoskAsr(vosk, new vosk.Model(modelPath));
    } catch (err) {
      throw new ConfigError([
        `VOSK_MODEL_PATH: Vosk cannot load the model in ${modelPath}: ${(err as Error).message}`,
      ]);
    }
  }

  async transcribe(wavPath: string): Promise<Transcript | null> {
    const wav = parseWav(await readFile(wavPath));
    if (wav.formatTag !== 1 || wav.bitsPerSample !== 16 || wav.channels !== 1) {
      throw new Error(`${wavPath}: Vosk needs 16-bit mono PCM WAV`);
    }
    const recognizer = new this.vosk.Recognizer({ model: this.model, sampleRate: wav.sampleRate });
    try {
      recognizer.setWords(true);
      const results: VoskResult[] = [];
      const chunkBytes = Math.round(wav.sampleRate * CHUNK_SECONDS) * 2;
      for (let offset = 0; offset < wav.data.length; offset += chunkBytes) {
        if (await recognizer.acceptWaveformAsync(wav.data.subarray(offset, offset + chunkBytes))) {
          results.push(recognizer.result());
        }
      }
      results.push(recognizer.finalResult());
      return toTranscript(results);
    } finally {
      recognizer.free();
    }
  }
}
