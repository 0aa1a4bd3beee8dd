import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** A real Redis connection plus a key prefix no other test run shares; drop() removes its keys. */
export function redisTestNamespace(): { redis: Redis; keyPrefix: string; drop(): Promise<void> } {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const keyPrefix = `linli-test:card-gateway:${randomUUID()}`;
  return {
    redis,
    keyPrefix,
    async drop() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}:*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}
