import { preemptibleAttempts } from './dialer/preemptible-attempts';
import { Worker } from 'bullmq';
import type { Capability, Platform } from '../app/platform-types';
import { campaignRoutes } from './api/campaign-routes';
import { campaignServices, type CampaignServices } from './campaign-services';
import { campaignQueueName, type CampaignCallJob } from './dialer/campaign-job';
import { dialAttemptProcessor, type DialResult } from './dialer/dial-attempt';
import { startEmergencyPreemption } from './dialer/emergency-preemption';

/**
 * A killed worker's calls, and the trunk channels their jobs hold, come back to another worker this long
 * after it stopped renewing their locks (renewed every half lock). Short is safe: a job taken over while
 * its worker still lives finds its attempt already claimed and only waits for the call's end.
 */
const LOCK_DURATION_MS = 6_000;
const STALLED_CHECK_MS = 2_000;
/** Periodic safety net: households a lost job left pending are queued again. */
const RECONCILE_EVERY_MS = 5 * 60_000;

/** Outbound campaigns: the API, and one dialer worker per trunk sharing the trunk's channels. */
export const campaignsCapability: Capability = {
  name: 'campaigns',
  routes: (platform) => campaignRoutes(() => campaignServices(platform)),
  start: async (platform) => startDialer(platform, campaignServices(platform)),
};

async function startDialer(platform: Platform, services: CampaignServices) {
  const { logger, env } = platform;
  platform.trunkBudget.allowPreemption(preemptibleAttempts(platform.database.db));
  const process = dialAttemptProcessor({
    db: platform.database.db,
    calls: platform.calls,
    budget: platform.trunkBudget,
    journal: services.journal,
    leases: services.leases,
    pacer: services.pacer,
    queues: services.queues,
    backoff: services.backoff,
    emergencyWaits: services.emergencyWaits,
    logger,
  });
  const workers = await Promise.all(
    env.TRUNKS.map(async (trunk) => {
      await services.queues.applyTrunkLimit(trunk.name);
      const worker = new Worker<CampaignCallJob, DialResult>(campaignQueueName(trunk.name), process, {
        connection: platform.queueRedis,
        prefix: env.QUEUE_PREFIX,
        concurrency: trunk.channels,
        lockDuration: LOCK_DURATION_MS,
        stalledInterval: STALLED_CHECK_MS,
        maxStalledCount: 5,
      });
      worker.on('failed', (job, err) =>
        logger.error({ trunk: trunk.name, job: job?.id, err: err.message }, 'campaign call job failed'),
      );
      return worker;
    }),
  );
  const reconcile = () =>
    services.control
      .reconcile()
      .then((queued) => logger.info({ queued }, 'campaign households reconciled with the queue'))
      .catch((err: Error) => logger.error({ err: err.message }, 'campaign reconcile failed'));
  await reconcile();
  // The one under way, so stopping waits for it instead of closing the queues beneath it.
  let reconciling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    reconciling = reconcile();
  }, RECONCILE_EVERY_MS);
  timer.unref();
  const emergencies = startEmergencyPreemption(
    {
      db: platform.database.db,
      redis: platform.redis,
      calls: platform.calls,
      queues: services.queues,
      emergencyWaits: services.emergencyWaits,
      logger,
      prefix: env.QUEUE_PREFIX,
    },
    env.TRUNKS.map((t) => t.name),
  );
  return {
    workers,
    stop: async () => {
      clearInterval(timer);
      await reconciling;
      await emergencies.stop();
      await services.close();
    },
  };
}
