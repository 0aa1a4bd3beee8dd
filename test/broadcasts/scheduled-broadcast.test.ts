import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { BroadcastJob } from '../../src/broadcasts/broadcast-jobs';
import { QueueName } from '../../src/queue/queues';
import { numberedSpeakers, SpeakerFleet } from '../../simulators/speakers/speaker-fleet';
import { waitFor } from '../support/stack';
import { BroadcastsOnStack } from './support/broadcasts-on-stack';

const DAY_MS = 24 * 3600_000;

/** The next 08:00 in Shanghai (00:00 UTC) after `afterMs`, worked out without the code under test. */
function nextShanghaiEight(afterMs: number): number {
  const midnightUtc = Math.floor(afterMs / DAY_MS) * DAY_MS;
  return midnightUtc + DAY_MS;
}

/**
 * A recurring notice through BullMQ's job scheduler on the real Redis: the job BullMQ holds is due at
 * the cron's minute in Shanghai time; when that job runs (promoted, so the test does not wait for the
 * morning) the speakers play the occurrence of that minute, and the scheduler holds the next morning's.
 */
describe('a scheduled broadcast through BullMQ’s job scheduler', () => {
  jest.setTimeout(30_000);
  let stack: BroadcastsOnStack;
  let fleet: SpeakerFleet;
  let queue: Queue<BroadcastJob>;
  const tag = randomBytes(3).toString('hex');
  const [speaker] = numberedSpeakers(`sched-${tag}`, 1);

  beforeAll(async () => {
    stack = await BroadcastsOnStack.start('bcsched');
    await stack.village(`sched-${tag}`);
    const res = await stack.request('POST', '/api/v1/speakers', {
      name: speaker!.deviceId,
      area: `sched-${tag}`,
      kind: 'mqtt',
      endpoint: speaker!.deviceId,
    });
    expect(res.status).toBe(201);
    fleet = await SpeakerFleet.start({ speakers: [speaker!], timeScale: 0.01 });
    queue = new Queue<BroadcastJob>(QueueName.broadcasts, {
      connection: stack.platform.queueRedis,
      prefix: stack.platform.env.QUEUE_PREFIX,
    });
  });
  afterAll(async () => {
    await queue.close();
    await fleet.close();
    await stack.stop();
  });

  it('a daily 08:00 notice is due at 08:00 Shanghai, plays that occurrence when it runs, and is due again the next morning', async () => {
    const createdAt = Date.now();
    const res = await stack.request<{ id: string }>('POST', '/api/v1/broadcasts', {
      title: '每日早间通知',
      content: { text: '各位村民早上好，今天上午九点在村委会发放防汛物资。' },
      targets: { villages: [`sched-${tag}`] },
      schedule: { cron: '0 8 * * *', endAt: new Date(createdAt + 10 * DAY_MS).toISOString() },
    });
    expect(res.status).toBe(201);
    const id = res.body.id;
    const due = nextShanghaiEight(createdAt);

    const scheduler = await queue.getJobScheduler(`broadcast-${id}`);
    expect(scheduler).toMatchObject({ pattern: '0 8 * * *', tz: 'Asia/Shanghai', next: due });
    const job = await queue.getJob(`repeat:broadcast-${id}:${due}`);
    expect(job?.data).toEqual({ kind: 'fire', broadcastId: id });
    expect(await job?.getState()).toBe('delayed');
    // Nothing plays before the morning.
    expect(await stack.db.broadcastDelivery.count({ where: { broadcastId: id } })).toBe(0);

    // The morning comes: BullMQ hands the job to a worker now instead of at 08:00.
    await job!.promote();
    await fleet.waitUntil(() => fleet.speakersIn(id, 'finished').length === 1, 'the notice played');
    const delivery = await waitFor(
      async () =>
        (await stack.db.broadcastDelivery.findFirst({ where: { broadcastId: id, state: 'finished' } })) ??
        undefined,
      5000,
      'the report of the morning’s occurrence',
    );
    expect(delivery.occurrence.getTime()).toBe(due);

    const next = await waitFor(
      async () => {
        const s = await queue.getJobScheduler(`broadcast-${id}`);
        return s && s.next !== due ? s.next : undefined;
      },
      5000,
      'the next occurrence scheduled',
    );
    expect(next).toBe(due + DAY_MS);
    expect(await (await queue.getJob(`repeat:broadcast-${id}:${next}`))?.getState()).toBe('delayed');
  });

  it('a cancelled recurring notice leaves nothing scheduled', async () => {
    const res = await stack.request<{ id: string }>('POST', '/api/v1/broadcasts', {
      content: { text: '每周一早上的卫生检查提醒。' },
      targets: { villages: [`sched-${tag}`] },
      schedule: { cron: '30 7 * * 1', endAt: new Date(Date.now() + 30 * DAY_MS).toISOString() },
    });
    expect(res.status).toBe(201);
    expect(await queue.getJobScheduler(`broadcast-${res.body.id}`)).toBeDefined();
    const cancel = await stack.request('POST', `/api/v1/broadcasts/${res.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(await queue.getJobScheduler(`broadcast-${res.body.id}`)).toBeUndefined();
  });
});
