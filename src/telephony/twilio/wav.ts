import type { Codec } from '../../speech/types';

/** WAVE format tags of G.711. */
const FORMAT_TAG: Record<Codec, number> = { alaw: 6, ulaw: 7 };
const RATE = 8000;

/** linli's raw 8 kHz G.711 audio as a WAV file, which Twilio's <Play> takes. */
export function g711Wav(audio: Buffer, codec: Codec): Buffer {
  const header = Buffer.alloc(46);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(38 + audio.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(18, 16);
  header.writeUInt16LE(FORMAT_TAG[codec], 20);
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE, 28); // bytes per second: one byte a sample
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.writeUInt16LE(0, 36); // no extra format bytes
  header.write('data', 38, 'ascii');
  header.writeUInt32LE(audio.length, 42);
  return Buffer.concat([header, audio]);
}

/** A short 1 kHz beep as 16-bit PCM WAV: the standard sound every engine has, Twilio's from linli. */
export function beepWav(durationMs = 250): Buffer {
  const samples = Math.round((RATE * durationMs) / 1000);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / RATE)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}
