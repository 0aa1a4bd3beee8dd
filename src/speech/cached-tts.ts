import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { MediaFolder } from './media-folder';
import { g711DurationMs } from './telephony-audio';
import type { TtsCacheSweeper } from './tts-cache-sweep';
import type { RenderedAudio, RenderInput, SpeechRenderer, TtsProvider, TtsRequest } from './types';

/** The cache file name: every input that changes the audio is part of it. */
export function cacheKey(renderer: string, input: RenderInput): string {
  return createHash('sha256')
    .update(JSON.stringify([renderer, input.voice, input.codec, input.text]))
    .digest('hex');
}

/**
 * Renders each distinct request once into <media>/cache/<sha256>.<codec> and serves the file afterwards.
 * Concurrent identical requests in this process share one render; across processes each render goes to a
 * temporary file that is renamed into place, so nobody ever plays a half-written file. Each use sets the
 * file's modification time, which the sweeper reads as its last use (access times are often not kept).
 */
export class CachedTts implements TtsProvider {
  private readonly inFlight = new Map<string, Promise<RenderedAudio>>();

  constructor(
    private readonly renderer: SpeechRenderer,
    private readonly media: MediaFolder,
    /** Keeps the cache bounded; told after each render, the only time the cache grows. */
    private readonly sweeper?: TtsCacheSweeper,
  ) {}

  synthesize(request: TtsRequest): Promise<RenderedAudio> {
    const input: RenderInput = {
      text: request.text,
      voice: request.voice ?? this.renderer.defaultVoice,
      codec: request.codec,
    };
    const key = cacheKey(this.renderer.name, input);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const job = this.fetchOrRender(input, key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, job);
    return job;
  }

  private async fetchOrRender(input: RenderInput, key: string): Promise<RenderedAudio> {
    const file = this.media.soundFile(`cache/${key}`, input.codec);
    const size = (await useCached(file.path)) ?? (await this.renderInto(input, file.path));
    return { ...file, codec: input.codec, durationMs: g711DurationMs(size), provider: this.renderer.name };
  }

  private async renderInto(input: RenderInput, finalPath: string): Promise<number> {
    await mkdir(path.dirname(finalPath), { recursive: true });
    // Ends in .tmp so that Asterisk, which looks files up by extension, can never pick up a partial render.
    const temporary = `${finalPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await this.renderer.render(input, temporary);
      const size = (await stat(temporary)).size;
      if (size === 0)
        throw new Error(`${this.renderer.name} produced no audio for "${input.text.slice(0, 40)}"`);
      await rename(temporary, finalPath);
      this.sweeper?.rendered();
      return size;
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
  }
}

/** The size of a cached file, marked as used now; undefined when it is not cached. */
async function useCached(file: string): Promise<number | undefined> {
  try {
    const now = new Date();
    // A file another user rendered may refuse a new time (EPERM); it is still good to play.
    await utimes(file, now, now).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPERM') throw err;
    });
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
