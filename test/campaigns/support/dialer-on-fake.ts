import { randomBytes } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import type { Platform } from '../../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../../src/app/start-linli';
import { campaignServices, type CampaignServices } from '../../../src/campaigns/campaign-services';
import { campaignsCapability } from '../../../src/campaigns/campaigns-capability';
import { campaignJobId, jobPriority, type CampaignCallJob } from '../../../src/campaigns/dialer/campaign-job';
import type { CampaignDraft, RetryPolicy } from '../../../src/campaigns/domain';
import type { Db } from '../../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { dropRedisKeys } from '../../support/drop-redis-keys';
import { startFakePlatform } from '../../support/fake-platform';
import { LateReportingFake } from '../../support/fake-telephony/late-reporting-fake';
import { waitFor } from '../../support/stack';
import { insertCampaign } from './campaign-rows';

export const FAKE_TRUNK = 'sim-a';

/** Retry delays of a few dozen milliseconds, so a test sees every retry the policy asks for. */
const QUICK_RETRY: Partial<RetryPolicy> = {
  busy: { retries: 2, delayMinutes: 0.001 },
  no_answer: { retries: 1, delayMinutes: 0.001 },
  failed: { retries: 1, delayMinutes: 0.001 },
  answered_no_digit: { retries: 1, delayMinutes: 0.001 },
  rejected: { retries: 0, delayMinutes: 0.001 },
  unknown: { retries: 1, delayMinutes: 0.001 },
};

export type TargetWithAttempts = NonNullable<Awaited<ReturnType<DialerOnFake['target']>>>;

/**
 * The campaign dialer as `linli serve --role worker` runs it (the campaigns capability's BullMQ workers,
 * the real PostgreSQL and Redis), on a fake engine whose phones a test scripts.
 */
export class DialerOnFake {
  private constructor(
    readonly fake: LateReportingFake,
    readonly database: TestDatabase,
    readonly platform: Platform,
    private readonly linli: RunningLinli,
    private readonly services: CampaignServices,
  ) {}

  static async start(): Promise<DialerOnFake> {
    const fake = new LateReportingFake([FAKE_TRUNK]);
    const database = await createTestDatabase('dialer');
    const platform = await startFakePlatform({
      calls: fake,
      databaseUrl: database.url,
      queuePrefix: `linli-dialer-${randomBytes(4).toString('hex')}`,
      trunks: `${FAKE_TRUNK}@fake:30:50`,
      name: 'dialer-on-fake',
    });
    const linli = await startLinli(platform, [campaignsCapability], { api: false, workers: true });
    return new DialerOnFake(fake, database, platform, linli, campaignServices(platform));
  }

  get db(): Db {
    return this.database.db;
  }

  get queue(): Queue<CampaignCallJob> {
    return this.services.queues.queue(FAKE_TRUNK);
  }

  /** A running campaign to these households (numbers in calling order), each household's first dial queued. */
  async campaign(households: string[][], draft: Partial<CampaignDraft> = {}): Promise<string[]> {
    const { id, targetIds } = await this.unqueuedCampaign(households, draft);
    await this.services.queues.enqueue(
      FAKE_TRUNK,
      targetIds.map((targetId) => ({
        job: { campaignId: id, targetId, attemptNo: 1 },
        priority: jobPriority('normal'),
        delayMs: 0,
      })),
    );
    return targetIds;
  }

  /** A running campaign whose households no job dials yet. */
  unqueuedCampaign(households: string[][], draft: Partial<CampaignDraft> = {}) {
    return insertCampaign(this.db, {
      trunk: FAKE_TRUNK,
      targets: households,
      draft: { window: { start: '00:00', end: '24:00' }, retry: QUICK_RETRY, ...draft },
    });
  }

  /** Queues one attempt's job again, as BullMQ redelivers the job of a worker that died. */
  async redeliver(targetId: string, attemptNo: number): Promise<void> {
    const target = await this.db.campaignTarget.findUniqueOrThrow({ where: { id: targetId } });
    await this.services.queues.enqueue(FAKE_TRUNK, [
      { job: { campaignId: target.campaignId, targetId, attemptNo }, priority: 1, delayMs: 0 },
    ]);
  }

  target(targetId: string) {
    return this.db.campaignTarget.findUnique({
      where: { id: targetId },
      include: { attempts: { orderBy: { attemptNo: 'asc' } } },
    });
  }

  /** Waits until the household is settled (final or exhausted) and returns it with its attempts. */
  settled(targetId: string, timeoutMs = 10_000): Promise<TargetWithAttempts> {
    return waitFor(
      async () => {
        const target = await this.target(targetId);
        return target && (target.state === 'FINAL' || target.state === 'EXHAUSTED') ? target : undefined;
      },
      timeoutMs,
      `household ${targetId} to be settled`,
    );
  }

  /** The job of this attempt once it waits delayed in the queue. */
  delayedJob(targetId: string, attemptNo: number): Promise<Job<CampaignCallJob>> {
    return waitFor(
      async () => {
        const job = await this.queue.getJob(campaignJobId(targetId, attemptNo));
        return job && (await job.getState()) === 'delayed' ? job : undefined;
      },
      5_000,
      `job ${attemptNo} of ${targetId} to be delayed`,
    );
  }

  /** How often the engine was asked to ring this number. */
  dialled(number: string): number {
    return this.fake.placed.filter((request) => request.destination === number).length;
  }

  async stop(): Promise<void> {
    await this.linli.stop();
    await this.services.close();
    await this.platform.close();
    await this.fake.close();
    await dropRedisKeys(this.platform.env.QUEUE_PREFIX);
    await this.database.drop();
  }
}
