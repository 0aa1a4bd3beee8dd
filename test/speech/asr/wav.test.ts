import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseWav } from '../../../src/speech/asr/wav';
import { tempMedia } from '../temp-media';

describe('parseWav', () => {
  let dir: Awaited<ReturnType<typeof tempMedia>>;
  beforeEach(async () => {
    dir = await tempMedia();
  });
  afterEach(() => dir.remove());

  /** One second of tone written by sox with the given output options. */
  async function soxWav(name: string, options: string[]): Promise<Buffer> {
    const file = path.join(dir.root, name);
    const sox = spawnSync('sox', ['-n', ...options, file, 'synth', '1', 'sine', '440']);
    expect(sox.status).toBe(0);
    return readFile(file);
  }

  it('reads a recording as Asterisk writes it: 8 kHz 16-bit mono PCM', async () => {
    const wav = parseWav(
      await soxWav('call.wav', ['-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer']),
    );

    expect(wav).toMatchObject({ formatTag: 1, sampleRate: 8000, channels: 1, bitsPerSample: 16 });
    expect(wav.data.length).toBe(16_000);
  });

  it('tells formats Vosk cannot take apart: A-law and stereo', async () => {
    expect(parseWav(await soxWav('alaw.wav', ['-r', '8000', '-c', '1', '-e', 'a-law'])).formatTag).toBe(6);
    expect(parseWav(await soxWav('stereo.wav', ['-r', '16000', '-c', '2', '-b', '16'])).channels).toBe(2);
  });

  it('reads a streamed WAV whose header gives no data size to the end of the file', async () => {
    const streamed = spawnSync('espeak-ng', ['-v', 'cmn-latn-pinyin', '--stdout', '--', '你好']).stdout;
    const wav = parseWav(streamed);

    expect(wav.sampleRate).toBe(22050);
    expect(wav.data.length).toBeGreaterThan(10_000);
    expect(wav.data.length).toBe(streamed.length - 44);
  });

  it('refuses what is not a WAV file', () => {
    expect(() => parseWav(Buffer.from('ID3 not a wav at all'))).toThrow(/not a WAV file/);
  });
});
