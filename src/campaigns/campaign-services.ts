import type { Platform } from '../app/platform-types';
import { CampaignControl } from './campaign-control';
import { AudienceLists } from './create/audience-lists';
import { AttemptJournal } from './dialer/attempt-journal';
import { CallStartPacer } from './dialer/call-start-pacer';
import { ChannelLeases } from './dialer/channel-leases';
import { EmergencyWaits } from './dialer/emergency-waits';
import { TrunkBackoff } from './dialer/trunk-backoff';
import { TrunkQueues } from './dialer/trunk-queues';

/** What the campaign routes and workers share, built on the platform; state lives in PostgreSQL and Redis. */
export interface CampaignServices {
  platform: Platform;
  queues: TrunkQueues;
  leases: ChannelLeases;
  pacer: CallStartPacer;
  backoff: TrunkBackoff;
  emergencyWaits: EmergencyWaits;
  control: CampaignControl;
  lists: AudienceLists;
  journal: AttemptJournal;
  /** Each user (routes, workers) closes once; the last one closes the queues. */
  close(): Promise<void>;
}

const shared = new WeakMap<Platform, { services: CampaignServices; users: number }>();

/**
 * One set per process, shared by the routes and the workers. Its journal records every campaign call this
 * process hears about, in API processes too: when a worker dies mid-call, any other linli process still
 * records what the household pressed (see AttemptJournal).
 */
export function campaignServices(platform: Platform): CampaignServices {
  const existing = shared.get(platform);
  if (existing) {
    existing.users += 1;
    return existing.services;
  }
  const { env, database, redis, queueRedis } = platform;
  const queues = new TrunkQueues(queueRedis, env.QUEUE_PREFIX, env.TRUNKS);
  const leases = new ChannelLeases(redis, env.QUEUE_PREFIX);
  const journal = new AttemptJournal(database.db, platform.calls, platform.logger);
  journal.start();
  const entry = {
    users: 1,
    services: {
      platform,
      queues,
      leases,
      journal,
      pacer: new CallStartPacer(redis, env.QUEUE_PREFIX),
      backoff: new TrunkBackoff(redis, env.QUEUE_PREFIX, {
        firstDelayMs: env.TRUNK_BACKOFF_FIRST_MS,
        longestDelayMs: env.TRUNK_BACKOFF_MAX_MS,
      }),
      emergencyWaits: new EmergencyWaits(redis, env.QUEUE_PREFIX),
      control: new CampaignControl(database.db, queues, leases),
      lists: new AudienceLists(redis, env.QUEUE_PREFIX),
      close: async () => {
        entry.users -= 1;
        if (entry.users > 0) return;
        shared.delete(platform);
        await journal.close();
        await queues.close();
      },
    },
  };
  shared.set(platform, entry);
  return entry.services;
}
