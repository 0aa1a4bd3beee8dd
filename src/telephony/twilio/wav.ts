import { telephonyWav } from '../../speech/wav-file';

const RATE = 8000;

/** A short 1 kHz beep as 16-bit PCM WAV: the standard sound every engine has, Twilio's from linli. */
export function beepWav(durationMs = 250): Buffer {
  const samples = Math.round((RATE * durationMs) / 1000);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / RATE)), i * 2);
  }
  return telephonyWav(pcm, 'pcm16');
}
