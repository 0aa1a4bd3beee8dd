import { Worker } from 'bullmq';
import { QueueName } from '../queue/queues';
import { checkIncidentCall } from './incidents/incident-watchdog';
import type { SosJob } from './sos-jobs';
import type { SosRuntime } from './sos-runtime';

/** Runs the SOS capability's queued work: round wake-ups, call checks and the inactivity sweep. */
export function startSosWorker(runtime: SosRuntime): Worker<SosJob> {
  const { platform, runner, scheduler, options } = runtime;
  const watchdog = { db: platform.database.db, calls: platform.calls, runner, scheduler, now: options.now };
  return new Worker<SosJob>(
    QueueName.sos,
    async (job) => {
      const data = job.data;
      switch (data.type) {
        case 'wake':
          return runner.feed(data.incidentId, { kind: 'wake' });
        case 'check-call':
          return checkIncidentCall(watchdog, data.incidentId, data.callId);
        case 'redial':
          return runner.redial(data.incidentId, data.callId, data.attempt);
        case 'inactivity-sweep':
          await runtime.sweepInactivity();
          return;
        case 'inactivity-followup':
          return runtime.inactivity.followUp(data);
      }
    },
    { connection: platform.queueRedis, prefix: platform.env.QUEUE_PREFIX, concurrency: 20 },
  );
}
