/** A worker process for the shutdown test: each job takes a while and counts itself in Redis. */
import { Worker } from 'bullmq';
import { createLogger } from '../../src/logging';
import { createRedis } from '../../src/queue/redis';
import { closeWorkersOnSignal } from '../../src/queue/worker-lifecycle';

const [prefix = 'linli-test', jobMs = '400'] = process.argv.slice(2);
const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'queue');
const counter = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const worker = new Worker(
  'calls',
  async (job) => {
    await counter.hincrby(`${prefix}:started`, String(job.id), 1);
    await new Promise((r) => setTimeout(r, Number(jobMs)));
    await counter.hincrby(`${prefix}:done`, String(job.id), 1);
  },
  { connection, prefix, concurrency: 2 },
);
worker.on('active', () => process.stdout.write('active\n'));
closeWorkersOnSignal([worker], createLogger('silent'), async () => {
  connection.disconnect();
  counter.disconnect();
});
