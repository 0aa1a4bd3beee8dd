import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import type { CampaignCallJob } from '../../src/campaigns/dialer/campaign-job';
import { campaignQueueName, jobPriority } from '../../src/campaigns/dialer/campaign-job';
import { TrunkQueues } from '../../src/campaigns/dialer/trunk-queues';
import { createRedis, type Redis } from '../../src/queue/redis';
import { waitFor } from '../support/stack';

const job = (campaignId: string, n: number): CampaignCallJob => ({
  campaignId,
  targetId: `${campaignId}-t${n}`,
  attemptNo: 1,
});

describe('the per-trunk campaign queue on the real Redis', () => {
  let redis: Redis;
  let queues: TrunkQueues;
  let prefix: string;
  const workers: Worker[] = [];

  beforeEach(() => {
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'queue');
    prefix = `linli-test-${randomBytes(4).toString('hex')}`;
    queues = new TrunkQueues(redis, prefix, [
      { name: 'pstn', server: 'local', channels: 2, cps: 100, reserved: 1 },
    ]);
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.close();
    await queues.close();
    redis.disconnect();
  });

  /** A worker that records which jobs ran, how many at once, and holds each for `holdMs`. */
  function recordingWorker(holdMs: number) {
    const ran: string[] = [];
    let active = 0;
    let mostActive = 0;
    const worker = new Worker<CampaignCallJob>(
      campaignQueueName('pstn'),
      async (j) => {
        active += 1;
        mostActive = Math.max(mostActive, active);
        ran.push(j.data.targetId);
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        active -= 1;
      },
      { connection: redis, prefix, concurrency: 10 },
    );
    workers.push(worker);
    return { ran, mostActive: () => mostActive };
  }

  it('serves an emergency campaign’s calls before those queued earlier by a normal one', async () => {
    const normal = Array.from({ length: 6 }, (_, i) => job('normal', i));
    const emergency = Array.from({ length: 3 }, (_, i) => job('emergency', i));
    await queues.enqueue(
      'pstn',
      normal.map((j) => ({ job: j, priority: jobPriority('normal'), delayMs: 0 })),
    );
    await queues.enqueue(
      'pstn',
      emergency.map((j) => ({ job: j, priority: jobPriority('emergency'), delayMs: 0 })),
    );
    const { ran } = recordingWorker(20);
    await waitFor(() => ran.length === 9 || undefined, 10_000, 'all jobs');
    expect(ran.slice(0, 3).sort()).toEqual(emergency.map((j) => j.targetId).sort());
  });

  it('never runs more jobs at once than the trunk has channels, however many workers there are', async () => {
    await queues.enqueue(
      'pstn',
      Array.from({ length: 12 }, (_, i) => ({ job: job('c', i), priority: 3, delayMs: 0 })),
    );
    const one = recordingWorker(100);
    const two = recordingWorker(100);
    await waitFor(() => one.ran.length + two.ran.length === 12 || undefined, 10_000, 'all jobs');
    expect(Math.max(one.mostActive(), two.mostActive())).toBeLessThanOrEqual(2);
    expect(one.mostActive() + two.mostActive()).toBeGreaterThan(0);
  });

  it('queues an attempt once however often it is enqueued, and takes queued attempts back', async () => {
    const attempt = { job: job('c', 1), priority: 3, delayMs: 60_000 };
    await queues.enqueue('pstn', [attempt, attempt]);
    await queues.enqueue('pstn', [attempt]);
    expect(await queues.queue('pstn').getDelayedCount()).toBe(1);
    await queues.remove('pstn', ['c-t1-1', 'c-t9-1']);
    expect(await queues.queue('pstn').getDelayedCount()).toBe(0);
  });
});
