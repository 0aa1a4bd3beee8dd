/**
 * What every benchmark does around its run, so that one run cannot skew the next and a failure is never
 * silent. A benchmark's `main` resolves to its last line of figures and is run by `runBenchmark`, which:
 *  - for benchmarks that dial through the local Asterisk, refuses to start while an end-to-end test run
 *    uses that Asterisk, and empties Asterisk's outgoing spool and hangs up every channel when the run
 *    starts and when it ends, however it ends: done, failed, SIGINT or SIGTERM (call files left in the
 *    spool by a run that stopped half-way keep dialling, and slowed the next benchmark's calls tenfold);
 *  - prints the figures as stdout's last line, or, when anything failed, `bench_failed reason="…"` as the
 *    last line (the error itself on stderr) and exits non-zero: 1, or 128 + the signal's number.
 *
 * The Asterisk clean-up is synchronous on purpose: while it runs, nothing else in the process (an
 * in-process linli dialler still placing calls, when a signal interrupts a run) can start a new call.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spoolDirs } from './call-file';

export interface BenchOptions {
  /** The benchmark dials through the local Asterisk (scripts/asterisk.sh): clean it at start and at exit. */
  asterisk: boolean;
}

/** What one clean-up of Asterisk found and removed. */
export interface AsteriskCleanup {
  /** Call files removed from the outgoing spool (Asterisk would have dialled them). */
  callFiles: number;
  /** Channels up when the clean-up began, all hung up. */
  channels: number;
}

const ASTERISK_SH = join(__dirname, '../../scripts/asterisk.sh');
/** How long hung-up channels (and calls a call file was already placing) get to go away. */
const SETTLE_MS = 15_000;
const POLL_MS = 200;
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** The line a failed run ends with: one line, the reason in double quotes (\ and " escaped). */
export function failureLine(reason: string): string {
  const oneLine = reason.replace(/\s+/g, ' ').trim() || 'unknown';
  return `bench_failed reason="${oneLine.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The reason of whatever a run threw: an Error's message, else its text. */
export function errorReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Channels up, from Asterisk's answer to `core show channels count` ("3 active channels", "1 active channel"). */
export function activeChannels(cliOutput: string): number {
  const match = /^(\d+) active channels?$/m.exec(cliOutput);
  if (!match) {
    throw new Error(`unexpected answer to "core show channels count": ${cliOutput.trim().slice(0, 200)}`);
  }
  return Number(match[1]);
}

/** How a clean-up reads in the run's output. */
export function describeCleanup(when: string, cleanup: AsteriskCleanup): string {
  if (cleanup.callFiles === 0 && cleanup.channels === 0) {
    return `asterisk ${when}: outgoing spool empty, no channel up`;
  }
  return (
    `asterisk ${when}: removed ${cleanup.callFiles} call file(s) from the outgoing spool, ` +
    `hung up ${cleanup.channels} channel(s)`
  );
}

function asteriskSh(...args: string[]): string {
  return execFileSync('bash', [ASTERISK_SH, ...args], {
    encoding: 'utf8',
    timeout: 10_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Removes the files of `dir` whose names pass `which` (all by default); how many it removed. */
function removeFiles(dir: string, which: (name: string) => boolean = () => true): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const removed = names.filter(which);
  for (const name of removed) rmSync(join(dir, name), { force: true, recursive: true });
  return removed.length;
}

/**
 * Empties the outgoing spool (and the bench's own staging and archived files), then hangs up every
 * channel until none is left; a call file Asterisk was already dialling may still bring a channel up,
 * hence the loop. Throws when channels are still up after SETTLE_MS.
 */
export function cleanAsterisk(): AsteriskCleanup {
  const spool = spoolDirs(asteriskSh('root').trim());
  removeFiles(spool.staging);
  removeFiles(spool.done, (name) => name.startsWith('bench-'));
  const cleanup: AsteriskCleanup = { callFiles: 0, channels: 0 };
  const deadline = Date.now() + SETTLE_MS;
  for (let first = true; ; first = false) {
    cleanup.callFiles += removeFiles(spool.outgoing);
    const up = activeChannels(asteriskSh('cli', 'core show channels count'));
    if (first) cleanup.channels = up;
    if (up === 0) return cleanup;
    if (Date.now() > deadline) {
      throw new Error(`Asterisk still has ${up} channel(s) up ${SETTLE_MS / 1000} s after hanging them up`);
    }
    asteriskSh('cli', 'channel request hangup all');
    sleepSync(POLL_MS);
  }
}

/**
 * Whether a process matching an e2e run is jest itself (node, or npm starting it) rather than a wrapper
 * queued behind the stack's lock (`flock <lock> … jest test/e2e/…`, `timeout … linli-stack.sh …`,
 * `bash -c "…"`): only the jest a wrapper starts once it holds the lock uses Asterisk.
 */
function runsJest(pid: string): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return command === 'node' || command === 'jest' || command.startsWith('npm');
  } catch {
    return false; // gone already
  }
}

/**
 * Pids of end-to-end test runs (they use the same Asterisk and simulated carriers), but those listed in
 * BENCH_IGNORE_PIDS: a finished run whose jest did not exit ("Jest did not exit one second after…") holds
 * no call and can be named there, while any new run still stops the benchmark.
 */
function e2eRuns(): string[] {
  const ignored = new Set((process.env.BENCH_IGNORE_PIDS ?? '').split(',').map((pid) => pid.trim()));
  try {
    return execFileSync('pgrep', ['-f', 'jest.*e2e'], { encoding: 'utf8' })
      .split('\n')
      .filter((pid) => pid !== '' && !ignored.has(pid) && runsJest(pid));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/**
 * Runs a benchmark's `main` (which resolves to its last line) with the clean-ups and the failure line
 * described at the top of this file, then exits.
 */
export function runBenchmark(options: BenchOptions, main: () => Promise<string>): void {
  let ended = false;
  // Set once this run may touch Asterisk: a run refused at the start leaves others' channels alone.
  let ownsAsterisk = false;
  const end = (outcome: { line: string } | { error: unknown; exitCode?: number }): void => {
    if (ended) return;
    ended = true;
    let failure: { reason: string; exitCode: number } | null = null;
    if ('error' in outcome) {
      console.error(outcome.error);
      failure = { reason: errorReason(outcome.error), exitCode: outcome.exitCode ?? 1 };
    }
    if (ownsAsterisk) {
      try {
        console.log(describeCleanup('at exit', cleanAsterisk()));
      } catch (error) {
        console.error(error);
        failure ??= { reason: `clean-up at exit failed: ${errorReason(error)}`, exitCode: 1 };
      }
    }
    if (failure || !('line' in outcome)) {
      console.log(failureLine(failure?.reason ?? 'unknown'));
      process.exit(failure?.exitCode ?? 1);
    }
    console.log(outcome.line);
    process.exit();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () =>
      end({ error: new Error(`interrupted by ${signal}`), exitCode: SIGNAL_EXIT[signal] }),
    );
  }
  process.once('uncaughtException', (error) => end({ error }));
  process.once('unhandledRejection', (error) => end({ error }));
  const run = async (): Promise<string> => {
    if (options.asterisk) {
      const running = e2eRuns();
      if (running.length > 0) {
        throw new Error(
          `an end-to-end test run (pid ${running.join(', ')}) is using this Asterisk: run the benchmark after it (or list a finished run that hangs in BENCH_IGNORE_PIDS)`,
        );
      }
      ownsAsterisk = true;
      console.log(describeCleanup('at start', cleanAsterisk()));
    }
    return main();
  };
  run().then(
    (line) => end({ line }),
    (error: unknown) => end({ error }),
  );
}
