import { spawn, type ChildProcess } from 'node:child_process';

import { boundUdpPorts } from './udp-ports';

interface SippExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SippProcess {
  readonly pid: number;
  /** Resolves when SIPp has exited, however it ended. */
  readonly exited: Promise<SippExit>;
  hasExited(): boolean;
  /** The end of what SIPp wrote to stderr (its errors). */
  stderr(): string;
  /** Ends SIPp (SIGTERM, then SIGKILL) and resolves once it is gone. */
  stop(): Promise<void>;
}

const SIPP_BINARY = process.env.SIPP_BINARY ?? 'sipp';
const STDERR_KEPT_BYTES = 16_384;
const STOP_GRACE_MS = 3000;
/**
 * Kills SIPp once the Node process that started it is gone, even when that process was killed with
 * SIGKILL (a jest worker, say) and could not clean up.
 */
const WATCHDOG = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -TERM "$2" 2>/dev/null';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts SIPp as a child process; stdout (its screen) is discarded, stderr is kept. */
export function startSipp(args: readonly string[], options: { cwd: string }): SippProcess {
  installExitHook();
  const child = spawn(SIPP_BINARY, [...args], { cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${SIPP_BINARY}`);
  const pid = child.pid;
  running.add(child);

  const watchdog = spawn('sh', ['-c', WATCHDOG, 'sipp-watchdog', String(process.pid), String(pid)], {
    stdio: 'ignore',
    detached: true,
  });
  watchdog.unref();

  let stderrText = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrText = (stderrText + chunk.toString()).slice(-STDERR_KEPT_BYTES);
  });

  let done = false;
  const exited = new Promise<SippExit>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      running.delete(child);
      if (watchdog.pid !== undefined && watchdog.exitCode === null) watchdog.kill('SIGTERM');
      resolve({ code, signal });
    };
    child.on('exit', finish);
    child.on('error', (error) => {
      stderrText += `\n${error.message}`;
      finish(null, null);
    });
  });

  return {
    pid,
    exited,
    hasExited: () => done,
    stderr: () => stderrText,
    async stop() {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves once something listens on the UDP port; rejects if SIPp exits first or time runs out. */
export async function waitUntilListening(sipp: SippProcess, port: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (sipp.hasExited())
      throw new Error(`sipp exited before listening on ${port}: ${lastLines(sipp.stderr())}`);
    if (boundUdpPorts().has(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await sipp.stop();
  throw new Error(`sipp did not listen on UDP ${port} within ${timeoutMs} ms: ${lastLines(sipp.stderr())}`);
}

export function lastLines(text: string, count = 5): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}

/** A normal exit of this process leaves no SIPp behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}
