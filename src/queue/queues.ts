import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/** Every queue linli runs, one per kind of work. */
export const QueueName = {
  calls: 'calls',
  campaigns: 'campaigns',
  campaignCalls: 'campaign-calls',
  sos: 'sos',
  broadcasts: 'broadcasts',
  cases: 'cases',
  hotline: 'hotline',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

const defaultJobOptions: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function createQueue<T>(name: QueueName, connection: Redis, prefix: string): Queue<T> {
  return new Queue<T>(name, { connection, prefix, defaultJobOptions });
}
