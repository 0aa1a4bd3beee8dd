import { Worker } from 'bullmq';
import type { Capability } from '../app/platform-types';
import { QueueName } from '../queue/queues';
import { CallRecorder } from './call-recorder';
import { callRoutes } from './call-routes';
import { placeCallProcessor, type PlaceCallData } from './place-call';

export const callsCapability: Capability = {
  name: 'calls',
  routes: (p) => callRoutes({ db: p.database.db, queue: p.queues.calls, trunks: p.env.TRUNKS }),
  start: async (p) => {
    const recorder = new CallRecorder(p.database.db, p.calls, p.logger);
    const place = placeCallProcessor({
      db: p.database.db,
      calls: p.calls,
      budget: p.trunkBudget,
      recorder,
      logger: p.logger,
    });
    const worker = new Worker<PlaceCallData>(QueueName.calls, async (job) => place(job.data), {
      connection: p.queueRedis,
      prefix: p.env.QUEUE_PREFIX,
      concurrency: 20,
    });
    return { workers: [worker], stop: async () => recorder.close() };
  },
};
