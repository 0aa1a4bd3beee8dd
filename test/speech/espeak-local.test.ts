import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cachedTts } from '../../src/speech/create-tts-provider';
import { EspeakRenderer } from '../../src/speech/espeak-renderer';
import { normaliseForSpeech } from '../../src/speech/normalise/normalise-for-speech';
import { tempMedia } from './temp-media';

const SENTENCE = '您好，这里是村委会。请拨打13800138000。';

function mostCommonByte(bytes: Buffer): number {
  const counts = new Array<number>(256).fill(0);
  for (const b of bytes) counts[b] = (counts[b] ?? 0) + 1;
  return counts.indexOf(Math.max(...counts));
}

/** sox's own reading of a raw G.711 file, decoded as the given type at 8 kHz mono. */
function soxStat(file: string, type: 'al' | 'ul'): { rms: number; max: number } {
  const out = spawnSync('sox', ['-t', type, '-r', '8000', '-c', '1', file, '-n', 'stat'], {
    encoding: 'utf8',
  }).stderr;
  const value = (label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(out)?.[1]);
  return { rms: value('RMS\\s+amplitude'), max: value('Maximum amplitude') };
}

describe('local speech with espeak-ng', () => {
  let dir: Awaited<ReturnType<typeof tempMedia>>;
  beforeEach(async () => {
    dir = await tempMedia();
  });
  afterEach(() => dir.remove());

  it('renders a Chinese sentence with a phone number as 8 kHz mono A-law that Asterisk can play by path', async () => {
    const tts = cachedTts(new EspeakRenderer(), dir.media);
    const audio = await tts.synthesize({ text: SENTENCE, codec: 'alaw' });

    expect(audio.path).toMatch(new RegExp(`^${dir.root}/cache/[0-9a-f]{64}\\.alaw$`));
    expect(audio.name).toBe(`cache/${path.basename(audio.path, '.alaw')}`);
    expect(audio.provider).toBe('espeak-ng');

    // espeak-ng's own 22 kHz rendering of the same words lasts as long as our file does at 8000 one-byte
    // samples a second, which holds only if the file really is 8 kHz mono G.711.
    const reference = path.join(dir.root, 'reference.wav');
    const espeak = ['-v', 'cmn-latn-pinyin', '-s', '160', '-w', reference, normaliseForSpeech(SENTENCE)];
    expect(spawnSync('espeak-ng', espeak).status).toBe(0);
    const referenceMs = Number(spawnSync('soxi', ['-D', reference], { encoding: 'utf8' }).stdout) * 1000;
    expect(audio.durationMs).toBeGreaterThan(4000);
    expect(Math.abs(audio.durationMs - referenceMs)).toBeLessThan(20);

    const bytes = await readFile(audio.path);
    expect(audio.durationMs).toBe(Math.round(bytes.length / 8));
    // Silence is the commonest sample; A-law codes it 0xD5 (or 0x55), μ-law would code it 0xFF.
    expect([0xd5, 0x55]).toContain(mostCommonByte(bytes));
    const decoded = soxStat(audio.path, 'al');
    expect(decoded.rms).toBeGreaterThan(0.05);
    expect(decoded.max).toBeLessThan(1);
  });

  it('renders μ-law when asked, to a .ulaw file', async () => {
    const tts = cachedTts(new EspeakRenderer(), dir.media);
    const audio = await tts.synthesize({ text: '测试', codec: 'ulaw' });

    expect(audio.path).toMatch(/\.ulaw$/);
    expect([0xff, 0x7f]).toContain(mostCommonByte(await readFile(audio.path)));
    expect(soxStat(audio.path, 'ul').rms).toBeGreaterThan(0.02);
  });

  it('renders a 40-character campaign message well within a second', async () => {
    const message = '各位村民请注意，明天上午九点在村委会发放冬季取暖补贴，请携带身份证按时领取。';
    const tts = cachedTts(new EspeakRenderer(), dir.media);
    const started = performance.now();
    const audio = await tts.synthesize({ text: message, codec: 'alaw' });

    expect(performance.now() - started).toBeLessThan(1000);
    expect(audio.durationMs).toBeGreaterThan(8000);
  });

  it('speaks a message that starts with a dash instead of taking it for an option', async () => {
    const tts = cachedTts(new EspeakRenderer(), dir.media);

    expect((await tts.synthesize({ text: '- 注意防火', codec: 'alaw' })).durationMs).toBeGreaterThan(500);
  });

  it('reports an unknown voice with espeak-ng’s own message and leaves no file behind', async () => {
    const tts = cachedTts(new EspeakRenderer({ voice: 'nosuchvoice' }), dir.media);

    await expect(tts.synthesize({ text: '你好', codec: 'alaw' })).rejects.toThrow(
      /espeak-ng failed.*voice does not exist/,
    );
    expect(await dir.files('cache')).toEqual([]);
  });
});
