import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CachedTts, cacheKey } from '../../src/speech/cached-tts';
import { cachedTts } from '../../src/speech/create-tts-provider';
import { EspeakRenderer } from '../../src/speech/espeak-renderer';
import type { RenderInput, SpeechRenderer } from '../../src/speech/types';
import { tempMedia } from './temp-media';

describe('the speech cache', () => {
  let dir: Awaited<ReturnType<typeof tempMedia>>;
  let espeak: EspeakRenderer;
  let renders: jest.SpyInstance;
  beforeEach(async () => {
    dir = await tempMedia();
    espeak = new EspeakRenderer();
    renders = jest.spyOn(espeak, 'render');
  });
  afterEach(() => dir.remove());

  it('serves a repeated request from the file it rendered the first time, marking it as used', async () => {
    const tts = cachedTts(espeak, dir.media);
    const first = await tts.synthesize({ text: '明天停水，请提前储水。', codec: 'alaw' });
    const writtenAt = (await stat(first.path)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await tts.synthesize({ text: '明天停水，请提前储水。', codec: 'alaw' });

    expect(second).toEqual(first);
    // The modification time is the last use, which keeps the file from the cache sweep.
    expect((await stat(second.path)).mtimeMs).toBeGreaterThan(writtenAt);
    expect(renders).toHaveBeenCalledTimes(1);
  });

  it('treats texts that are spoken alike as one request: 2300元 and 两千三百元 share a file', async () => {
    const tts = cachedTts(espeak, dir.media);
    const digits = await tts.synthesize({ text: '每户补贴2300元', codec: 'alaw' });
    const words = await tts.synthesize({ text: '每户补贴两千三百元', codec: 'alaw' });

    expect(words.path).toBe(digits.path);
    expect(renders).toHaveBeenCalledTimes(1);
  });

  it('renders once for many callers asking at the same time', async () => {
    const tts = cachedTts(espeak, dir.media);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        tts.synthesize({ text: '紧急通知：今晚有暴雨，请注意安全。', codec: 'alaw' }),
      ),
    );

    expect(new Set(results.map((r) => r.path)).size).toBe(1);
    expect(renders).toHaveBeenCalledTimes(1);
    expect(await dir.files('cache')).toHaveLength(1);
  });

  it('keeps different codecs, voices and texts apart', async () => {
    const tts = cachedTts(espeak, dir.media);
    const paths = await Promise.all([
      tts.synthesize({ text: '你好', codec: 'alaw' }),
      tts.synthesize({ text: '你好', codec: 'ulaw' }),
      tts.synthesize({ text: '你好', codec: 'alaw', voice: 'cmn' }),
      tts.synthesize({ text: '您好', codec: 'alaw' }),
    ]);

    expect(new Set(paths.map((p) => p.path)).size).toBe(4);
    expect(renders).toHaveBeenCalledTimes(4);
  });

  it('uses a file another process already finished, without rendering', async () => {
    const input: RenderInput = { text: '你好', voice: espeak.defaultVoice, codec: 'alaw' };
    const finished = dir.media.soundFile(`cache/${cacheKey('espeak-ng', input)}`, 'alaw').path;
    await mkdir(path.dirname(finished), { recursive: true });
    await writeFile(finished, Buffer.alloc(16_000, 0xd5));

    const audio = await new CachedTts(espeak, dir.media).synthesize({ text: '你好', codec: 'alaw' });

    expect(audio.path).toBe(finished);
    expect(audio.durationMs).toBe(2000);
    expect(renders).not.toHaveBeenCalled();
  });

  it('never shows a render in progress under the name Asterisk plays', async () => {
    let visibleWhileRendering: string[] = [];
    const slow: SpeechRenderer = {
      name: 'slow-test-renderer',
      defaultVoice: 'any',
      async render(_input, outPath) {
        await writeFile(outPath, Buffer.alloc(800, 0xd5));
        visibleWhileRendering = await readdir(path.dirname(outPath));
      },
    };
    const audio = await new CachedTts(slow, dir.media).synthesize({ text: '你好', codec: 'alaw' });

    expect(visibleWhileRendering).toHaveLength(1);
    expect(visibleWhileRendering[0]).toMatch(/\.tmp$/);
    expect(await dir.files('cache')).toEqual([path.basename(audio.path)]);
  });

  it('keeps nothing of a failed render and tries again on the next request', async () => {
    const failing = new EspeakRenderer({ voice: 'nosuchvoice' });
    const attempts = jest.spyOn(failing, 'render');
    const tts = new CachedTts(failing, dir.media);
    await expect(tts.synthesize({ text: '你好', codec: 'alaw' })).rejects.toThrow(/voice does not exist/);
    await expect(tts.synthesize({ text: '你好', codec: 'alaw' })).rejects.toThrow(/voice does not exist/);

    expect(attempts).toHaveBeenCalledTimes(2);
    expect(await dir.files('cache')).toEqual([]);
  });

  it('refuses an empty message instead of caching silence', async () => {
    await expect(cachedTts(espeak, dir.media).synthesize({ text: '  ', codec: 'alaw' })).rejects.toThrow(
      /empty/,
    );
    expect(renders).not.toHaveBeenCalled();
  });
});
