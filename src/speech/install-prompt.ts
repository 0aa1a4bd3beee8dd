import { copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { MediaFolder } from './media-folder';
import type { Codec, RenderedAudio, TtsProvider } from './types';

const PROMPT_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Renders a fixed prompt under the stable name the dialplan plays, <media>/prompts/<name> (for example
 * prompts/sos-hold), where a cache file's hashed name would not do.
 */
export async function installPrompt(
  tts: TtsProvider,
  media: MediaFolder,
  prompt: { name: string; text: string; codec: Codec },
): Promise<RenderedAudio> {
  if (!PROMPT_NAME.test(prompt.name)) throw new Error(`prompt name "${prompt.name}": use a-z, 0-9 and -`);
  const rendered = await tts.synthesize({ text: prompt.text, codec: prompt.codec });
  const target = media.soundFile(`prompts/${prompt.name}`, prompt.codec);
  await mkdir(path.dirname(target.path), { recursive: true });
  // Asterisk may be playing the old prompt right now: replace it in one step.
  const temporary = `${target.path}.${process.pid}.tmp`;
  await copyFile(rendered.path, temporary);
  await rename(temporary, target.path);
  return { ...rendered, ...target };
}
