import { Queue } from 'bullmq';
import { QueueName } from '../queue/queues';
import type { Redis } from '../queue/redis';
import { SCHEDULE_TIME_ZONE, type Schedule } from './domain/schedule';

/** `fire`: an occurrence starts; `attempt`: speakers of an occurrence not yet played are tried again. */
export type BroadcastJob =
  | { kind: 'fire'; broadcastId: string }
  | { kind: 'attempt'; broadcastId: string; occurrence: string }
  | { kind: 'stop'; broadcastId: string };

const schedulerId = (broadcastId: string) => `broadcast-${broadcastId}`;

/** The broadcasts queue: when occurrences fire (BullMQ's job scheduler for recurring ones) and retries. */
export class BroadcastJobs {
  readonly queue: Queue<BroadcastJob>;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<BroadcastJob>(QueueName.broadcasts, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: 1,
        removeOnComplete: { age: 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
  }

  /** Fires at once, at its time, or on its cron pattern (Shanghai time) until its end. */
  async schedule(broadcastId: string, schedule: Schedule, nowMs: number): Promise<void> {
    const data: BroadcastJob = { kind: 'fire', broadcastId };
    if (schedule.kind === 'recurring') {
      await this.queue.upsertJobScheduler(
        schedulerId(broadcastId),
        {
          pattern: schedule.cron,
          tz: SCHEDULE_TIME_ZONE,
          endDate: schedule.endAt,
          ...(schedule.startAt ? { startDate: schedule.startAt } : {}),
        },
        { name: 'fire', data },
      );
      return;
    }
    const delay = schedule.kind === 'at' ? Math.max(0, schedule.at.getTime() - nowMs) : 0;
    await this.queue.add('fire', data, { delay, jobId: `fire-${broadcastId}` });
  }

  /** Tries the occurrence's remaining speakers after `delayMs`; requests within one period collapse. */
  async attemptLater(broadcastId: string, occurrence: Date, delayMs: number): Promise<void> {
    const slot = Math.floor((Date.now() + delayMs) / Math.max(delayMs, 1));
    await this.queue.add(
      'attempt',
      { kind: 'attempt', broadcastId, occurrence: occurrence.toISOString() },
      {
        delay: delayMs,
        jobId: `attempt-${broadcastId}-${occurrence.getTime()}-${slot}`,
        removeOnComplete: true,
      },
    );
  }

  /** No further occurrence fires, and a worker stops what is playing (workers hold the speakers' links). */
  async cancel(broadcastId: string): Promise<void> {
    await this.queue.removeJobScheduler(schedulerId(broadcastId));
    await this.queue.remove(`fire-${broadcastId}`);
    await this.queue.add('stop', { kind: 'stop', broadcastId });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
