/**
 * A linli process of its own (`src/main/serve.ts --role …`), as production runs it: a benchmark that
 * hosts a second worker or the SIP edge in its own event loop measures itself as much as linli.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export interface LinliProcess {
  /** Asks the process to stop (SIGTERM) and waits for it; SIGKILL after 15 s. */
  stop(): Promise<void>;
}

const SERVE = path.join(__dirname, '../../src/main/serve.ts');
const READY_WITHIN_MS = 60_000;

/** A TCP port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Starts `serve.ts --role <role>` with `env` over this process's; resolves once it logs `readyMessage`. */
export function startLinliProcess(
  role: 'worker' | 'sip-edge',
  env: Record<string, string>,
  readyMessage: string,
): Promise<LinliProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', SERVE, '--role', role], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(
        new Error(`linli --role ${role} did not log "${readyMessage}" within ${READY_WITHIN_MS / 1000} s`),
      );
    }, READY_WITHIN_MS);
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      // Warnings and errors reach the bench's stderr; the rest of its log is read for the signal only.
      for (const line of lines) {
        if (line.includes(`"msg":"${readyMessage}"`)) {
          clearTimeout(timer);
          resolve({ stop });
        } else if (/"level":(40|50|60)/.test(line)) process.stderr.write(`[${role}] ${line}\n`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`linli --role ${role} exited with ${code ?? 'a signal'} before it was ready`));
    });
  });
}
