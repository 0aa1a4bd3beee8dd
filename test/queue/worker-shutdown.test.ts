import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createQueue } from '../../src/queue/queues';
import { createRedis } from '../../src/queue/redis';

jest.setTimeout(60_000);

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function startWorker(prefix: string): ChildProcess {
  return spawn(
    'node',
    ['-r', '@swc-node/register', path.join(__dirname, 'shutdown-worker.ts'), prefix, '400'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('stopping a worker with SIGTERM', () => {
  it('finishes the jobs in hand, leaves the rest queued, and loses none', async () => {
    const prefix = `linli-test-${randomBytes(4).toString('hex')}`;
    const redis = createRedis(REDIS, 'queue');
    const queue = createQueue<{ n: number }>('calls', redis, prefix);
    await queue.addBulk(
      Array.from({ length: 12 }, (_, n) => ({ name: 'job', data: { n }, opts: { jobId: `j${n}` } })),
    );

    const first = startWorker(prefix);
    await new Promise<void>((resolve) => first.stdout?.once('data', () => resolve()));
    first.kill('SIGTERM');
    expect(await exited(first)).toBe(0);

    const {
      active,
      waiting = 0,
      completed = 0,
      failed,
    } = await queue.getJobCounts('active', 'waiting', 'completed', 'failed');
    expect(active).toBe(0);
    expect(failed).toBe(0);
    expect(completed).toBeGreaterThan(0);
    expect(waiting + completed).toBe(12);

    const second = startWorker(prefix);
    const deadline = Date.now() + 30_000;
    while (((await queue.getJobCounts('completed')).completed ?? 0) < 12 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    second.kill('SIGTERM');
    await exited(second);

    const done = await redis.hgetall(`${prefix}:done`);
    expect(Object.keys(done).sort()).toEqual(Array.from({ length: 12 }, (_, n) => `j${n}`).sort());
    expect(Object.values(done).every((v) => v === '1')).toBe(true);
    const started = await redis.hgetall(`${prefix}:started`);
    expect(Object.values(started).every((v) => v === '1')).toBe(true);

    await queue.obliterate({ force: true });
    await redis.del(`${prefix}:done`, `${prefix}:started`);
    await queue.close();
    redis.disconnect();
  });
});
