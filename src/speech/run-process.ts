import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Bytes written to the child's stdin; text goes this way so that it is never parsed as an option. */
  input?: Buffer | string;
  timeoutMs: number;
}

/** Runs a program with an argument array (no shell) and resolves with its stdout; rejects on a non-zero exit or timeout. */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        err.code === 'ENOENT'
          ? new Error(`${command} is not installed (apt-get install ${command})`)
          : new Error(`${command}: ${err.message}`),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new Error(`${command} took longer than ${options.timeoutMs} ms and was killed`));
      } else if (code === 0) {
        resolve(Buffer.concat(stdout));
      } else {
        const detail = Buffer.concat(stderr).toString('utf8').trim().slice(0, 500);
        reject(new Error(`${command} failed (${signal ?? `exit ${code}`}): ${detail}`));
      }
    });
    // A child that dies before reading its input makes stdin emit EPIPE; the exit status reports the real failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
