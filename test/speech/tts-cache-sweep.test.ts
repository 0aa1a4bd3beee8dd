import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CachedTts } from '../../src/speech/cached-tts';
import { sweepTtsCache, TtsCacheSweeper, type TtsCacheBound } from '../../src/speech/tts-cache-sweep';
import type { RenderInput, SpeechRenderer } from '../../src/speech/types';
import { createLogger } from '../../src/logging';
import { tempMedia } from './temp-media';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T08:00:00Z');
const KB = 1024;

describe('the TTS cache stays bounded', () => {
  let dir: Awaited<ReturnType<typeof tempMedia>>;
  let cache: string;
  beforeEach(async () => {
    dir = await tempMedia();
    cache = path.join(dir.root, 'cache');
    await mkdir(cache, { recursive: true });
  });
  afterEach(() => dir.remove());

  /** A cached sound of `kb` KiB last used `ago` ms before NOW. */
  async function cached(name: string, kb: number, ago: number): Promise<void> {
    const file = path.join(cache, name);
    await writeFile(file, Buffer.alloc(kb * KB, 0xd5));
    const at = new Date(NOW - ago);
    await utimes(file, at, at);
  }
  const left = async () => (await readdir(cache)).sort();
  const bound = (over: Partial<TtsCacheBound> = {}): TtsCacheBound => ({
    maxBytes: 1000 * KB,
    maxUnusedMs: 30 * DAY,
    keepUsedWithinMs: 6 * HOUR,
    ...over,
  });

  it('deletes audio unused for longer than the limit, and partial renders a crash left', async () => {
    await cached('old.alaw', 1, 31 * DAY);
    await cached('recent.alaw', 1, 2 * DAY);
    await cached('crashed.alaw.123.abc.tmp', 1, 7 * HOUR);
    const { deleted } = await sweepTtsCache(cache, bound(), NOW);
    expect(deleted.map((f) => path.basename(f)).sort()).toEqual(['crashed.alaw.123.abc.tmp', 'old.alaw']);
    expect(await left()).toEqual(['recent.alaw']);
  });

  it('over its size, deletes the least recently used first until it fits', async () => {
    await cached('a-used-5-days-ago.alaw', 400, 5 * DAY);
    await cached('b-used-3-days-ago.alaw', 400, 3 * DAY);
    await cached('c-used-1-day-ago.alaw', 400, 1 * DAY);
    const { bytes } = await sweepTtsCache(cache, bound(), NOW);
    expect(await left()).toEqual(['b-used-3-days-ago.alaw', 'c-used-1-day-ago.alaw']);
    expect(bytes).toBe(800 * KB);
  });

  it('never deletes audio used within the keep window (a call may be playing it), even above the bound', async () => {
    await cached('playing-now.alaw', 800, 10 * 60_000);
    await cached('used-5-hours-ago.alaw', 800, 5 * HOUR);
    await cached('used-7-hours-ago.alaw', 800, 7 * HOUR);
    const { bytes } = await sweepTtsCache(cache, bound({ maxUnusedMs: HOUR }), NOW);
    expect(await left()).toEqual(['playing-now.alaw', 'used-5-hours-ago.alaw']);
    expect(bytes).toBe(1600 * KB);
  });

  it('a cached file served again counts as used now, so the sweep keeps it', async () => {
    const renderer: SpeechRenderer = {
      name: 'fake',
      defaultVoice: 'v',
      render: async (_input: RenderInput, file: string) => writeFile(file, Buffer.alloc(300 * KB, 0xd5)),
    };
    const tts = new CachedTts(renderer, dir.media);
    const first = await tts.synthesize({ text: '老通知', codec: 'alaw' });
    const second = await tts.synthesize({ text: '新通知', codec: 'alaw' });
    const stale = new Date(Date.now() - 40 * DAY);
    for (const file of [first.path, second.path]) await utimes(file, stale, stale);

    await tts.synthesize({ text: '老通知', codec: 'alaw' });
    await sweepTtsCache(cache, bound(), Date.now());
    expect(await left()).toEqual([path.basename(first.path)]);
  });

  it('runs after renders at most once per interval, and logs what it deleted', async () => {
    await cached('old.alaw', 1, 31 * DAY);
    const sweeper = new TtsCacheSweeper(cache, bound(), createLogger('silent'), HOUR);
    sweeper.rendered(NOW);
    await sweeper.idle();
    expect(await left()).toEqual([]);

    await cached('old-again.alaw', 1, 31 * DAY);
    sweeper.rendered(NOW + 30 * 60_000);
    await sweeper.idle();
    expect(await left()).toEqual(['old-again.alaw']);
    sweeper.rendered(NOW + 2 * HOUR);
    await sweeper.idle();
    expect(await left()).toEqual([]);
  });
});
