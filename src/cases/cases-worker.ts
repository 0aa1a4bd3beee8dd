import { Worker } from 'bullmq';
import { QueueName } from '../queue/queues';
import type { Redis } from '../queue/redis';
import type { CaseCallDeps } from './calls/case-call-deps';
import { runDeadlineAction } from './calls/deadline-action';
import { runSatisfactionCall } from './calls/satisfaction-action';
import type { CaseJob, CaseQueue } from './timers/case-jobs';
import type { CaseTimerDeps } from './timers/schedule-case-timers';
import { sweepUnscheduledCases } from './timers/sweep-unscheduled';

/** Runs the cases capability's queued work: deadline calls, satisfaction calls and the sweep. */
export function startCasesWorker(deps: {
  calls: CaseCallDeps;
  timers: CaseTimerDeps;
  queue: CaseQueue;
  connection: Redis;
  prefix: string;
  /** Jobs run at once; each spends most of its time waiting for PostgreSQL or Redis. */
  concurrency?: number;
}): Worker<CaseJob> {
  return new Worker<CaseJob>(
    QueueName.cases,
    async (job) => {
      const data = job.data;
      switch (data.type) {
        case 'deadline':
          return runDeadlineAction(deps.calls, data);
        case 'satisfaction': {
          const result = await runSatisfactionCall(deps.calls, data);
          if (typeof result === 'number') {
            // Quiet hours: the same call, when they end.
            await deps.queue.add('satisfaction', data, {
              jobId: `${data.caseId}-${data.round}-satisfaction-${result}`,
              delay: Math.max(0, result - deps.calls.service.now()),
            });
            return 'after-quiet-hours';
          }
          return result;
        }
        case 'sweep':
          return sweepUnscheduledCases(deps.timers);
      }
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 50 },
  );
}
