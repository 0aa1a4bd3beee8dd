import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runProcess } from '../../speech/run-process';
import type { PromptFiles } from '../../speech/prompt-files';
import { TELEPHONY_SAMPLE_RATE } from '../../speech/telephony-audio';
import type { Codec } from '../../speech/types';
import { telephonyWav } from '../../speech/wav-file';
import type { Prompt } from '../../telephony/prompt';

/** One broadcast's audio as an MQTT speaker downloads it: a WAV file and its digest. */
export interface SpeakerAudio {
  path: string;
  sha256: string;
  durationMs: number;
}

const SOX_TYPE: Record<Codec, string> = { alaw: 'al', ulaw: 'ul' };

/** Two rising tones, rendered once per media folder: the chime speakers play before a broadcast. */
async function chimeFile(mediaDir: string, codec: Codec): Promise<string> {
  const file = path.join(mediaDir, 'broadcasts', `chime.${codec}`);
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    return file;
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await runProcess(
    'sox',
    [
      '-n',
      '-t',
      SOX_TYPE[codec],
      '-r',
      String(TELEPHONY_SAMPLE_RATE),
      '-c',
      '1',
      temporary,
      'synth',
      '0.35',
      'sine',
      '660',
      'synth',
      '0.35',
      'sine',
      '880',
      'vol',
      '0.5',
    ],
    { timeoutMs: 10_000 },
  );
  await rename(temporary, file);
  return file;
}

/**
 * Renders a broadcast's prompt into one WAV file in the media folder (`broadcasts/<id>.wav`) for MQTT
 * speakers; the same broadcast's file is reused for every speaker and occurrence.
 */
export async function writeSpeakerAudio(
  prompt: Prompt,
  options: { broadcastId: string; mediaDir: string; codec: Codec; prompts: PromptFiles },
): Promise<SpeakerAudio> {
  const parts: Buffer[] = [];
  for (const ref of prompt) {
    const ready = await options.prompts.ready(ref);
    const file =
      ready.kind === 'sound'
        ? await chimeFile(options.mediaDir, options.codec)
        : path.join(options.mediaDir, `${ready.name}.${options.codec}`);
    parts.push(await readFile(file));
  }
  const samples = Buffer.concat(parts);
  // G.711 as the line carries it: speakers play it without transcoding.
  const wav = telephonyWav(samples, options.codec);
  const target = path.join(options.mediaDir, 'broadcasts', `${options.broadcastId}.wav`);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, wav);
  await rename(temporary, target);
  return {
    path: target,
    sha256: createHash('sha256').update(wav).digest('hex'),
    durationMs: Math.round((samples.length * 1000) / TELEPHONY_SAMPLE_RATE),
  };
}
