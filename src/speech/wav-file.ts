import { TELEPHONY_SAMPLE_RATE } from './telephony-audio';
import type { Codec } from './types';

/** WAVE format tags: linear PCM, and the two G.711 laws linli's audio is in. */
const FORMAT_TAG = { pcm16: 1, alaw: 6, ulaw: 7 } as const;

/**
 * 8 kHz mono samples as a WAV file: 16-bit linear PCM, or G.711 as the line carries it. Strict in what we
 * send: a non-PCM format carries the (empty) extra-size field its format chunk must have.
 */
export function telephonyWav(samples: Buffer, encoding: Codec | 'pcm16'): Buffer {
  const pcm = encoding === 'pcm16';
  const fmtBytes = pcm ? 16 : 18;
  const bytesPerSample = pcm ? 2 : 1;
  const header = Buffer.alloc(20 + fmtBytes + 8);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(header.length - 8 + samples.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(fmtBytes, 16);
  header.writeUInt16LE(FORMAT_TAG[encoding], 20);
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(TELEPHONY_SAMPLE_RATE, 24);
  header.writeUInt32LE(TELEPHONY_SAMPLE_RATE * bytesPerSample, 28);
  header.writeUInt16LE(bytesPerSample, 32); // block align
  header.writeUInt16LE(bytesPerSample * 8, 34);
  if (!pcm) header.writeUInt16LE(0, 36); // no extra format bytes
  header.write('data', 20 + fmtBytes, 'ascii');
  header.writeUInt32LE(samples.length, 24 + fmtBytes);
  return Buffer.concat([header, samples]);
}
