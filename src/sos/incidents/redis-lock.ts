import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export class LockTimeoutError extends Error {
  constructor(readonly key: string) {
    super(`could not take lock ${key} in time; another process holds it`);
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** The lock frees itself after this long, so a crashed holder cannot block the others for ever. */
  ttlMs: number;
  /** How long to wait for the lock before giving up. */
  waitMs: number;
}

const DEFAULT_LOCK: LockOptions = { ttlMs: 30_000, waitMs: 20_000 };
const RETRY_MS = 5;

// Deletes the key only while it still holds our token: a lock that expired and was taken by
// someone else is not released from under them.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Runs `fn` while holding a Redis lock (SET NX PX), shared by every linli process. */
export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  fn: () => Promise<T>,
  options: LockOptions = DEFAULT_LOCK,
): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  while ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new LockTimeoutError(key);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}

/** Claims something for this process only: true for exactly one of the processes that try. */
export async function claimOnce(redis: Redis, key: string, ttlSeconds: number): Promise<boolean> {
  return (await redis.set(key, String(process.pid), 'EX', ttlSeconds, 'NX')) === 'OK';
}
