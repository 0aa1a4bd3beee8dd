import { TELEPHONY_SAMPLE_RATE } from './telephony-audio';
import type { Codec } from './types';

/** ITU-T G.711 A-law sample to 16-bit linear. */
function alawSample(byte: number): number {
  const a = byte ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let magnitude = ((a & 0x0f) << 4) + (segment === 0 ? 8 : 0x108);
  if (segment > 1) magnitude <<= segment - 1;
  return a & 0x80 ? magnitude : -magnitude;
}

/** ITU-T G.711 μ-law sample to 16-bit linear. */
function ulawSample(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - magnitude : magnitude - 0x84;
}

/**
 * linli's raw 8 kHz G.711 audio as a 16-bit PCM WAV file: the same samples the phone line and speakers
 * play, in the one WAV form every browser's <audio> decodes (Firefox and Safari refuse G.711 WAV).
 */
export function g711ToPcmWav(audio: Buffer, codec: Codec): Buffer {
  const decode = codec === 'alaw' ? alawSample : ulawSample;
  const pcm = Buffer.alloc(audio.length * 2);
  for (let i = 0; i < audio.length; i++) pcm.writeInt16LE(decode(audio[i] ?? 0), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(TELEPHONY_SAMPLE_RATE, 24);
  header.writeUInt32LE(TELEPHONY_SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}
