import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AudioFileError } from './audio-file-error';
import type { MediaFolder } from './media-folder';
import { g711DurationMs, writeTelephonyAudio } from './telephony-audio';
import type { Codec } from './types';

export interface UploadedRecording {
  id: string;
  /** Its name in the media folder, without extension. */
  name: string;
  durationMs: number;
}

/** A recorded message longer than this would not be listened to either (see MAX_TTS_MESSAGE_CHARS). */
const MAX_AUDIO_MS = 90_000;
const CONVERT_TIMEOUT_MS = 30_000;
const FOLDER = 'campaign-audio';
const UPLOAD_ID = /^[0-9a-f-]{36}$/;

/** Messages recorded by a cadre (WAV), converted once to the telephony format engines play directly. */
export class UploadedAudio {
  constructor(
    private readonly media: MediaFolder,
    private readonly codec: Codec,
  ) {}

  async save(wav: Buffer): Promise<UploadedRecording> {
    if (
      wav.subarray(0, 4).toString('latin1') !== 'RIFF' ||
      wav.subarray(8, 12).toString('latin1') !== 'WAVE'
    ) {
      throw new AudioFileError('the file is not a WAV recording');
    }
    const id = randomUUID();
    const file = this.media.soundFile(`${FOLDER}/${id}`, this.codec);
    await mkdir(path.dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    try {
      await writeTelephonyAudio(wav, this.codec, temporary, CONVERT_TIMEOUT_MS);
    } catch (err) {
      await rm(temporary, { force: true });
      throw new AudioFileError(`the recording could not be read: ${(err as Error).message}`);
    }
    const durationMs = g711DurationMs((await stat(temporary)).size);
    if (durationMs > MAX_AUDIO_MS || durationMs < 500) {
      await rm(temporary, { force: true });
      throw new AudioFileError(
        `the recording lasts ${durationMs} ms; a message lasts 0.5 to ${MAX_AUDIO_MS / 1000} s`,
      );
    }
    await rename(temporary, file.path);
    return { id, name: file.name, durationMs };
  }

  async find(id: string): Promise<UploadedRecording | null> {
    if (!UPLOAD_ID.test(id)) return null;
    const file = this.media.soundFile(`${FOLDER}/${id}`, this.codec);
    try {
      return { id, name: file.name, durationMs: g711DurationMs((await stat(file.path)).size) };
    } catch {
      return null;
    }
  }
}
