import type { Codec } from './types';
import { telephonyWav } from './wav-file';

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
  return telephonyWav(pcm, 'pcm16');
}
