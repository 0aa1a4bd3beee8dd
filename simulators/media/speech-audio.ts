import { spawn } from 'node:child_process';

import { ALAW_SILENCE } from './phone-media';

/** What a person says on picking up, so that Asterisk's AMD hears a human. */
export const HELLO_TEXT = '喂，你好。';
/** An answering machine's greeting; espeak-ng's Mandarin voice makes it speech-like enough for AMD. */
export const GREETING_TEXT = '您好，我现在不方便接听电话，请在提示音后留言，我会尽快给您回电，谢谢。';

const SAMPLE_RATE = 8000;
const TO_ALAW = ['-r', String(SAMPLE_RATE), '-c', '1', '-e', 'a-law', '-t', 'raw', '-'];
/** sox effects that cut the silence espeak-ng leaves before and after the words. */
const TRIM_SILENCE = ['silence', '1', '0.02', '1%', 'reverse', 'silence', '1', '0.02', '1%', 'reverse'];

const spoken = new Map<string, Promise<Buffer>>();

/** Mandarin speech as 8 kHz A-law samples (espeak-ng, then sox). Cached per text. */
export function speechAlaw(text: string): Promise<Buffer> {
  let audio = spoken.get(text);
  if (!audio) {
    audio = runTool('espeak-ng', ['-v', 'cmn', '-s', '190', '--stdout', text]).then((wav) =>
      runTool('sox', ['-t', 'wav', '-', ...TO_ALAW, ...TRIM_SILENCE], wav),
    );
    audio.catch(() => spoken.delete(text));
    spoken.set(text, audio);
  }
  return audio;
}

/** A sine tone as 8 kHz A-law samples, e.g. an answering machine's 1 kHz beep. */
export function toneAlaw(hz: number, ms: number): Promise<Buffer> {
  return runTool('sox', ['-n', ...TO_ALAW, 'synth', String(ms / 1000), 'sine', String(hz), 'vol', '0.5']);
}

/** Cuts the samples to exactly ms, or pads them with silence up to it. */
export function fitAlaw(alaw: Buffer, ms: number): Buffer {
  const samples = Math.round((ms * SAMPLE_RATE) / 1000);
  if (alaw.length >= samples) return alaw.subarray(0, samples);
  return Buffer.concat([alaw, Buffer.alloc(samples - alaw.length, ALAW_SILENCE)]);
}

function runTool(command: string, args: readonly string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`${command} could not run: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${command} exited with ${code}: ${Buffer.concat(err).toString().trim()}`));
    });
    child.stdin.end(input);
  });
}
