import { Redis } from 'ioredis';

export type { Redis };

/**
 * The one way linli opens Redis. BullMQ needs maxRetriesPerRequest: null so a blocking worker
 * connection waits out a Redis restart instead of failing jobs.
 */
export function createRedis(url: string, purpose: 'queue' | 'command' = 'command'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: purpose === 'queue' ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
  });
}
