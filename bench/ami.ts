/**
 * AMI benchmark, through the local Asterisk and the simulated PSTN (run: npm run bench:ami).
 *  1. originate → answered latency over 100 sequential calls (phones answer at once);
 *  2. the most concurrent message-and-digit calls the stack carries: rounds of N simultaneous calls
 *     (a spoken message, the phone presses 1 while it plays); a round passes when at least 99% of
 *     its calls end answered with the digit; N grows until a round fails or the ceiling is reached.
 * Last line: ami_originate_answer_p99_ms=<n> max_concurrent_calls=<n>, or bench_failed reason="…"
 * (bench/support/bench-hygiene.ts: Asterisk's spool and channels are emptied at start and at exit).
 */
import { startPstnSimulator } from '../simulators/pstn/pstn-simulator';
import { parseAmiServers } from '../src/config/telephony-config';
import { createLogger } from '../src/logging';
import { createTtsProvider } from '../src/speech/create-tts-provider';
import { MediaFolder } from '../src/speech/media-folder';
import { PromptFiles } from '../src/speech/prompt-files';
import { UploadedAudio } from '../src/speech/uploaded-audio';
import { AsteriskCallControl } from '../src/telephony/asterisk/asterisk-call-control';
import type { CallEventOf } from '../src/telephony/call-events';
import { speak, type Prompt } from '../src/telephony/prompt';
import { loadEnv } from '../src/config/env';
import { runBenchmark } from './support/bench-hygiene';

const SEQUENTIAL_CALLS = Number(process.env.BENCH_SEQUENTIAL ?? 100);
const STEPS = (process.env.BENCH_STEPS ?? '100,200,400,600,800,1000,1250,1500,2000').split(',').map(Number);
const NUMBER = (i: number) => `86170${String(10_000_000 + i).slice(1)}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<string> {
  const env = loadEnv();
  const logger = createLogger('warn');
  const [server] = parseAmiServers(process.env.AMI_SERVERS ?? '');
  if (!server) throw new Error('AMI_SERVERS is not set: run through npm run bench:ami');
  const trunk = { name: 'pstn', server: server.name, channels: 1000, cps: 1000, reserved: 0 };
  const tts = createTtsProvider(env, logger);
  const media = new PromptFiles(tts, new UploadedAudio(new MediaFolder(env.MEDIA_DIR), 'alaw'), 'alaw');
  const calls = new AsteriskCallControl({
    servers: [server],
    trunks: [trunk],
    logger,
    media,
    asteriskMediaDir: env.ASTERISK_MEDIA_DIR,
  });
  await calls.start();
  const ended = new Map<string, (e: CallEventOf<'ended'>) => void>();
  const answered = new Map<string, () => void>();
  const digits = new Map<string, string>();
  calls.onCallEvent((e) => {
    if (e.type === 'answered') answered.get(e.callId)?.();
    if (e.type === 'digit') digits.set(e.callId, e.digit);
    if (e.type === 'ended') ended.get(e.callId)?.(e);
  });
  const message = [speak('各位村民请注意，明天上午九点在村委会进行核酸检测，确认参加请按1，不能参加请按2。')];
  await media.durationMs(message);

  const pstn = await startPstnSimulator({
    numberPlan: [],
    defaultBehaviour: { kind: 'press', digits: '1' },
    timing: { ringMs: 0, pressDelayMs: 3000 },
  });
  let seq = 0;
  const place = (prompt: Prompt) => {
    const callId = `bench-${process.pid}-${++seq}`;
    const end = new Promise<CallEventOf<'ended'>>((resolve) => ended.set(callId, resolve));
    const up = new Promise<void>((resolve) => answered.set(callId, resolve));
    const started = performance.now();
    const originated = calls.notify({
      callId,
      trunk: 'pstn',
      destination: NUMBER(seq),
      ringTimeoutMs: 30_000,
      prompt,
      choices: [
        { digit: '1', label: 'yes' },
        { digit: '2', label: 'no' },
      ],
      maxPlays: 1,
      digitTimeoutMs: 5000,
      machineDetection: 'off',
    });
    return { callId, started, originated, up, end };
  };

  try {
    const latencies: number[] = [];
    for (let i = 0; i < SEQUENTIAL_CALLS; i++) {
      const c = place([]);
      await c.originated;
      await c.up;
      latencies.push(performance.now() - c.started);
      await calls.hangup(c.callId);
      await c.end;
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `originate→answered over ${latencies.length} sequential calls: p50=${p50.toFixed(1)} ms p99=${p99.toFixed(1)} ms`,
    );

    let maxConcurrent = 0;
    for (const n of STEPS) {
      const round = Array.from({ length: n }, () => place(message));
      const results = await Promise.all(
        round.map(async (c) => {
          try {
            await c.originated;
          } catch {
            return false;
          }
          const end = await Promise.race([
            c.end,
            new Promise<null>((r) => setTimeout(() => r(null), 60_000)),
          ]);
          const good = end !== null && end.answered && digits.get(c.callId) === '1';
          if (!good && process.env.BENCH_DEBUG)
            console.log(c.callId, JSON.stringify(end), digits.get(c.callId));
          return good;
        }),
      );
      const ok = results.filter(Boolean).length;
      console.log(`${n} concurrent message-and-digit calls: ${ok}/${n} answered with the digit`);
      if (ok < n * 0.99) break;
      maxConcurrent = n;
    }
    return `ami_originate_answer_p99_ms=${p99.toFixed(1)} max_concurrent_calls=${maxConcurrent}`;
  } finally {
    await calls.close();
    await pstn.stop();
  }
}

runBenchmark({ asterisk: true }, main);
