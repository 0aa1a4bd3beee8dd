import type { Redis } from 'ioredis';

/**
 * How long an emergency call turned away by a full trunk counts as waiting: a few of its job's retries
 * (every half second), so a worker that died leaves no wait behind for long.
 */
const WAIT_COUNTS_MS = 3_000;

/**
 * Emergency campaigns' calls that found their trunk's channels all taken (by SOS, hotline or escalation
 * calls as well as campaign calls), by job, shared by every worker process. Their jobs wait delayed,
 * where BullMQ's priorities do not reach them: while one waits, normal campaign calls leave the freed
 * channels to it, and emergency preemption ends normal campaign calls to free one.
 */
export class EmergencyWaits {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(trunk: string): string {
    return `${this.prefix}:trunks:${trunk}:emergency-waiting`;
  }

  /** The job's call was turned away: it waits for a channel of the trunk. */
  async note(trunk: string, jobId: string): Promise<void> {
    await this.redis
      .multi()
      .zadd(this.key(trunk), Date.now() + WAIT_COUNTS_MS, jobId)
      .pexpire(this.key(trunk), 2 * WAIT_COUNTS_MS)
      .exec();
  }

  /** The job's call has its channel (or stopped waiting for one). */
  async done(trunk: string, jobId: string): Promise<void> {
    await this.redis.zrem(this.key(trunk), jobId);
  }

  /** Emergency calls waiting for a channel of the trunk now. */
  count(trunk: string): Promise<number> {
    return this.redis.zcount(this.key(trunk), Date.now(), '+inf');
  }
}
