import path from 'node:path';
import { Worker, type Job } from 'bullmq';
import type { Capability, Platform } from '../app/platform-types';
import { QueueName } from '../queue/queues';
import { broadcastRoutes } from './api/broadcast-routes';
import type { BroadcastJob } from './broadcast-jobs';
import { broadcastServices } from './broadcast-services';
import { startAudioServer } from './content/audio-server';
import { DeliveryReports } from './delivery/delivery-reports';
import { DeliveryRunner } from './delivery/delivery-runner';
import { MqttSpeakers } from './delivery/mqtt-speakers';
import { PageReports } from './delivery/page-reports';
import { recordSipReachability, refreshSipHealth } from './speakers/sip-health';

/**
 * How often SIP speakers' health is read from the engine's contact qualification, besides each change
 * the engine tells as it happens: the read catches what a lost engine connection missed.
 */
const SIP_HEALTH_EVERY_MS = 30_000;

/**
 * When a job was due: a job scheduler's job carries its cron time (prevMillis); a delayed one is due
 * its delay after it was added.
 */
function scheduledFor(job: Job<BroadcastJob>): number {
  return job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0);
}

/** Loudspeaker broadcasts: speakers, broadcasts and alerts over the API; delivery in the workers. */
export const broadcastsCapability: Capability = {
  name: 'broadcasts',
  routes: (platform) => broadcastRoutes(() => broadcastServices(platform)),
  start: startBroadcastWorker,
};

async function startBroadcastWorker(platform: Platform) {
  const { env, logger, database } = platform;
  const services = broadcastServices(platform);
  const reports = new DeliveryReports(database.db, services.claims, services.presences, logger);
  const mqtt = MqttSpeakers.connect(env.MQTT_URL, logger, reports);
  const mediaDir = path.resolve(env.MEDIA_DIR);
  const audio = await startAudioServer({
    links: services.links,
    mediaDir,
    host: env.BROADCAST_AUDIO_HOST,
    port: env.BROADCAST_AUDIO_PORT,
  });
  const runner = new DeliveryRunner({
    db: database.db,
    redis: platform.redis,
    prefix: env.QUEUE_PREFIX,
    calls: platform.calls,
    claims: services.claims,
    mqtt,
    links: services.links,
    audioBaseUrl: () => env.BROADCAST_AUDIO_URL ?? audio.baseUrl,
    prompts: platform.prompts,
    mediaDir,
    codec: env.TTS_CODEC,
    jobs: services.jobs,
    quiet: services.quiet,
    retryMs: env.BROADCAST_RETRY_MS,
    startTimeoutMs: env.BROADCAST_START_TIMEOUT_MS,
    heartbeatTimeoutMs: env.SPEAKER_HEARTBEAT_TIMEOUT_MS,
    logger,
  });
  const pages = new PageReports(database.db, services.claims);
  const unsubscribe = platform.calls.onCallEvent((event) => {
    pages
      .callEvent(event)
      .catch((err: Error) => logger.error({ err: err.message }, 'page call event failed'));
  });
  const sipHealth = async () => {
    const sip = await database.db.speaker.findMany({ where: { kind: 'SIP' }, select: { endpoint: true } });
    await refreshSipHealth(
      database.db,
      platform.calls,
      sip.map((s) => s.endpoint),
      Date.now(),
    );
  };
  const unsubscribeHealth =
    platform.calls.onSpeakerReachability?.((change) => {
      recordSipReachability(
        database.db,
        { [change.speaker]: change.reachability },
        change.at.getTime(),
      ).catch((err: Error) => logger.warn({ err: err.message }, 'SIP speaker health update failed'));
    }) ?? (() => undefined);
  const healthTimer = setInterval(
    () =>
      void sipHealth().catch((err: Error) =>
        logger.warn({ err: err.message }, 'SIP speaker health check failed'),
      ),
    SIP_HEALTH_EVERY_MS,
  );
  healthTimer.unref();
  const worker = new Worker<BroadcastJob>(
    QueueName.broadcasts,
    async (job) => {
      if (job.data.kind === 'fire') return runner.fire(job.data.broadcastId, scheduledFor(job));
      if (job.data.kind === 'stop') {
        await runner.stop(job.data.broadcastId);
        return null;
      }
      await runner.attempt(job.data.broadcastId, new Date(job.data.occurrence));
      return null;
    },
    { connection: platform.queueRedis, prefix: env.QUEUE_PREFIX, concurrency: 4 },
  );
  worker.on('failed', (job, err) => logger.error({ job: job?.id, err: err.message }, 'broadcast job failed'));
  return {
    workers: [worker],
    stop: async () => {
      unsubscribe();
      unsubscribeHealth();
      clearInterval(healthTimer);
      await audio.server.close();
      await mqtt.close();
      await reports.drain();
      await pages.drain();
      await services.close();
    },
  };
}
