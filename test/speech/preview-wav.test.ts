import { spawnSync } from 'node:child_process';
import { g711ToPcmWav } from '../../src/speech/preview-wav';

const EVERY_BYTE = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** sox's own decoding of raw G.711 to 16-bit samples: what an engine playing the file would hear. */
function soxDecoded(type: 'al' | 'ul'): Buffer {
  const args = ['-t', type, '-r', '8000', '-c', '1', '-', '-t', 's16', '-e', 'signed-integer', '-'];
  const run = spawnSync('sox', args, { input: EVERY_BYTE });
  expect(run.status).toBe(0);
  return run.stdout;
}

describe('the preview WAV widened from G.711', () => {
  it.each([
    ['alaw', 'al'],
    ['ulaw', 'ul'],
  ] as const)('decodes every %s byte to the sample sox hears, as 8 kHz mono 16-bit PCM', (codec, type) => {
    const wav = g711ToPcmWav(EVERY_BYTE, codec);

    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(40)).toBe(512);
    expect(wav.subarray(44).equals(soxDecoded(type))).toBe(true);
  });
});
