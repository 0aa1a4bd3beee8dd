import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cachedTts } from '../../src/speech/create-tts-provider';
import { EspeakRenderer } from '../../src/speech/espeak-renderer';
import { installPrompt } from '../../src/speech/install-prompt';
import { tempMedia } from './temp-media';

describe('installPrompt', () => {
  let dir: Awaited<ReturnType<typeof tempMedia>>;
  beforeEach(async () => {
    dir = await tempMedia();
  });
  afterEach(() => dir.remove());

  it('puts a prompt where the dialplan plays it: prompts/sos-hold', async () => {
    const tts = cachedTts(new EspeakRenderer(), dir.media);
    const audio = await installPrompt(tts, dir.media, {
      name: 'sos-hold',
      text: '请不要挂机，正在为您联系家人。',
      codec: 'alaw',
    });

    expect(audio.path).toBe(path.join(dir.root, 'prompts', 'sos-hold.alaw'));
    expect(audio.name).toBe('prompts/sos-hold');
    expect(audio.durationMs).toBeGreaterThan(1500);
    expect(await dir.files('prompts')).toEqual(['sos-hold.alaw']);
  });

  it('replaces the prompt when its text changes', async () => {
    const tts = cachedTts(new EspeakRenderer(), dir.media);
    const before = await installPrompt(tts, dir.media, {
      name: 'hotline-welcome',
      text: '您好。',
      codec: 'alaw',
    });
    const beforeBytes = await readFile(before.path);
    const after = await installPrompt(tts, dir.media, {
      name: 'hotline-welcome',
      text: '您好，这里是便民热线。',
      codec: 'alaw',
    });

    expect(after.path).toBe(before.path);
    expect(after.durationMs).toBeGreaterThan(before.durationMs);
    expect((await readFile(after.path)).equals(beforeBytes)).toBe(false);
    expect(await dir.files('prompts')).toEqual(['hotline-welcome.alaw']);
  });

  it('refuses a name that could leave the prompts folder', async () => {
    const tts = cachedTts(new EspeakRenderer(), dir.media);
    await expect(
      installPrompt(tts, dir.media, { name: '../cache/x', text: '你好', codec: 'alaw' }),
    ).rejects.toThrow(/prompt name/);
  });
});
