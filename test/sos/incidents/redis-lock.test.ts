import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { claimOnce, LockTimeoutError, withRedisLock } from '../../../src/sos/incidents/redis-lock';

describe('claims and locks shared by every linli process', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const key = () => `linli-test:sos-lock:${randomUUID()}`;
  afterAll(() => redis.quit());

  it('gives an inbound call to exactly one of the processes that hear it', async () => {
    const claim = key();
    const connections = Array.from({ length: 5 }, () => redis.duplicate());
    const won = await Promise.all(connections.map((c) => claimOnce(c, claim, 60)));
    await Promise.all(connections.map((c) => c.quit()));
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('runs the steps of one incident one at a time, across connections', async () => {
    const lock = key();
    const order: string[] = [];
    const step = (name: string, connection: Redis) =>
      withRedisLock(connection, lock, async () => {
        order.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push(`${name} end`);
      });
    const other = redis.duplicate();
    await Promise.all([step('a', redis), step('b', other), step('c', redis)]);
    await other.quit();
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]).toBe(order[i]?.replace('start', 'end'));
    expect(await redis.exists(lock)).toBe(0);
  });

  it('gives up waiting, naming the lock, when a holder keeps it too long', async () => {
    const lock = key();
    await redis.set(lock, 'someone else', 'PX', 5000);
    await expect(
      withRedisLock(redis, lock, async () => 'never', { ttlMs: 1000, waitMs: 50 }),
    ).rejects.toThrow(LockTimeoutError);
    expect(await redis.get(lock)).toBe('someone else');
  });
});
