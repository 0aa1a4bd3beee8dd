import { randomBytes, randomUUID } from 'node:crypto';
import { CampaignControl } from '../../src/campaigns/campaign-control';
import { loadCampaign } from '../../src/campaigns/campaign-record';
import { ChannelLeases } from '../../src/campaigns/dialer/channel-leases';
import { settleTarget } from '../../src/campaigns/dialer/settle-target';
import { TrunkQueues } from '../../src/campaigns/dialer/trunk-queues';
import { ConflictError } from '../../src/directory/errors';
import { createRedis, type Redis } from '../../src/queue/redis';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertCampaign } from './support/campaign-rows';

const A = '+8613800138000';
const B = '+8613900139000';

describe('campaign state in the real PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let redis: Redis;
  let queues: TrunkQueues;
  let control: CampaignControl;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'queue');
  });
  beforeEach(() => {
    const prefix = `linli-test-${randomBytes(4).toString('hex')}`;
    queues = new TrunkQueues(redis, prefix, [
      { name: 'sim-a', server: 'local', channels: 5, cps: 10, reserved: 1 },
    ]);
    control = new CampaignControl(database.db, queues, new ChannelLeases(redis, prefix));
  });
  afterEach(() => queues.close());
  afterAll(async () => {
    redis.disconnect();
    await database.drop();
  });

  const db = () => database.db;
  const jobState = async (jobId: string) => (await queues.queue('sim-a').getJob(jobId))?.getState() ?? 'none';
  const endedAttempt = (
    campaignId: string,
    targetId: string,
    attemptNo: number,
    number: string,
    outcome: string,
    hangupCause: number,
  ) =>
    db().campaignAttempt.create({
      data: {
        id: `cmp-${randomUUID()}`,
        campaignId,
        targetId,
        attemptNo,
        number,
        endedAt: new Date(),
        outcome,
        hangupCause,
      },
    });

  describe('after an attempt ends', () => {
    it('queues the next attempt when the retry rules ask for one, once however often it is settled', async () => {
      const { id, targetIds } = await insertCampaign(db(), { targets: [[A]] });
      const target = targetIds[0] as string;
      await endedAttempt(id, target, 1, A, 'busy', 17);
      const campaign = (await loadCampaign(db(), id))!;
      const first = await settleTarget({ db: db(), queues }, campaign, target);
      await settleTarget({ db: db(), queues }, campaign, target);
      expect(first).toMatchObject({ kind: 'retry', number: A });
      expect(await db().campaignTarget.findUnique({ where: { id: target } })).toMatchObject({
        state: 'PENDING',
        attemptCount: 1,
        outcome: 'busy',
      });
      expect(await jobState(`${target}-2`)).toBe('delayed');
      expect(await queues.queue('sim-a').getDelayedCount()).toBe(1);
    });

    it('tries the household’s next number at once after a failure', async () => {
      const { id, targetIds } = await insertCampaign(db(), { targets: [[A, B]] });
      const target = targetIds[0] as string;
      await endedAttempt(id, target, 1, A, 'no_answer', 19);
      const step = await settleTarget({ db: db(), queues }, (await loadCampaign(db(), id))!, target);
      expect(step).toMatchObject({ kind: 'retry', number: B });
      expect(['waiting', 'prioritized', 'delayed']).toContain(await jobState(`${target}-2`));
    });

    it('settles the household when it confirms, and completes the campaign with its actual course', async () => {
      const { id, targetIds } = await insertCampaign(db(), { targets: [[A]] });
      const target = targetIds[0] as string;
      await endedAttempt(id, target, 1, A, 'confirmed', 16);
      await settleTarget({ db: db(), queues }, (await loadCampaign(db(), id))!, target);
      expect(await db().campaignTarget.findUnique({ where: { id: target } })).toMatchObject({
        state: 'FINAL',
        outcome: 'confirmed',
      });
      const campaign = await db().campaign.findUniqueOrThrow({ where: { id } });
      expect(campaign.status).toBe('COMPLETED');
      expect(campaign.actual).toMatchObject({
        attempts: 1,
        comparison: { attempts: { predicted: 3, actual: 1 } },
      });
    });

    it('gives up on a household whose retries are used up, and never redials an invalid number', async () => {
      const { id, targetIds } = await insertCampaign(db(), { targets: [[A]] });
      const target = targetIds[0] as string;
      await endedAttempt(id, target, 1, A, 'failed', 1);
      expect(await settleTarget({ db: db(), queues }, (await loadCampaign(db(), id))!, target)).toEqual({
        kind: 'exhausted',
        lastOutcome: 'failed',
      });
      expect(await db().campaignTarget.findUnique({ where: { id: target } })).toMatchObject({
        state: 'EXHAUSTED',
      });
    });

    it('waits while an attempt of the household is still in progress', async () => {
      const { id, targetIds } = await insertCampaign(db(), { targets: [[A]] });
      const target = targetIds[0] as string;
      await db().campaignAttempt.create({
        data: { id: `cmp-${randomUUID()}`, campaignId: id, targetId: target, attemptNo: 1, number: A },
      });
      expect(await settleTarget({ db: db(), queues }, (await loadCampaign(db(), id))!, target)).toBeNull();
    });
  });

  describe('pause, resume, cancel and the reconciler', () => {
    it('pause takes the campaign’s queued calls back; resume queues them again', async () => {
      const { id, targetIds } = await insertCampaign(db(), { targets: [[A], [B]] });
      await control.enqueueOpenTargets((await loadCampaign(db(), id))!);
      expect(await queues.queue('sim-a').count()).toBe(2);
      await control.pause(id);
      expect(await queues.queue('sim-a').count()).toBe(0);
      expect((await loadCampaign(db(), id))?.status).toBe('PAUSED');
      await control.pause(id);
      await control.resume(id);
      expect(await queues.queue('sim-a').count()).toBe(2);
      for (const target of targetIds)
        expect(['waiting', 'prioritized']).toContain(await jobState(`${target}-1`));
    });

    it('cancel stops for good: waiting households are cancelled and cannot be resumed', async () => {
      const { id } = await insertCampaign(db(), { targets: [[A], [B]] });
      await control.enqueueOpenTargets((await loadCampaign(db(), id))!);
      const cancelled = await control.cancel(id);
      expect(cancelled.status).toBe('CANCELLED');
      expect(cancelled.completedAt).not.toBeNull();
      expect(await db().campaignTarget.count({ where: { campaignId: id, state: 'CANCELLED' } })).toBe(2);
      expect(await queues.queue('sim-a').count()).toBe(0);
      await expect(control.resume(id)).rejects.toBeInstanceOf(ConflictError);
    });

    it('the reconciler queues every open household of running campaigns, and nothing of paused ones', async () => {
      const running = await insertCampaign(db(), { targets: [[A], [B]] });
      const paused = await insertCampaign(db(), { status: 'PAUSED', targets: [[A]] });
      const [pending, dialing] = running.targetIds as [string, string];
      await db().campaignTarget.update({
        where: { id: pending },
        data: { attemptCount: 1, nextAttemptAt: new Date(Date.now() + 60_000) },
      });
      await db().campaignTarget.update({
        where: { id: dialing },
        data: { state: 'DIALING', attemptCount: 2 },
      });
      await control.reconcile();
      await control.reconcile();
      expect(await jobState(`${pending}-2`)).toBe('delayed');
      expect(['waiting', 'prioritized']).toContain(await jobState(`${dialing}-2`));
      expect(await jobState(`${paused.targetIds[0]}-1`)).toBe('none');
      const queued = await queues.queue('sim-a').getJobs(['waiting', 'prioritized', 'delayed']);
      expect(queued.filter((j) => j.data.campaignId === running.id)).toHaveLength(2);
      expect(queued.filter((j) => j.data.campaignId === paused.id)).toHaveLength(0);
    });
  });
});
