import type { Platform } from '../app/platform-types';
import { BroadcastJobs } from './broadcast-jobs';
import { AudioLinks } from './content/audio-links';
import { parseQuietHours, type QuietHours } from './domain/quiet-hours';
import { SpeakerClaims } from './delivery/speaker-claims';
import { PresenceMemory } from './speakers/presence-memory';

/** What the broadcast routes and workers share, built on the platform; state lives in PostgreSQL and Redis. */
export interface BroadcastServices {
  platform: Platform;
  jobs: BroadcastJobs;
  claims: SpeakerClaims;
  links: AudioLinks;
  presences: PresenceMemory;
  quiet: QuietHours;
  close(): Promise<void>;
}

export function broadcastServices(platform: Platform): BroadcastServices {
  const { env, queueRedis, redis } = platform;
  const quiet = parseQuietHours(env.BROADCAST_QUIET_HOURS);
  // The environment's schema admits only HH:MM-HH:MM; equal ends are the one thing left to refuse.
  if (!quiet)
    throw new Error(`BROADCAST_QUIET_HOURS: "${env.BROADCAST_QUIET_HOURS}" starts and ends together`);
  const jobs = new BroadcastJobs(queueRedis, env.QUEUE_PREFIX);
  return {
    platform,
    jobs,
    claims: new SpeakerClaims(redis, env.QUEUE_PREFIX),
    links: new AudioLinks(redis, env.QUEUE_PREFIX),
    presences: new PresenceMemory(redis, env.QUEUE_PREFIX),
    quiet,
    close: () => jobs.close(),
  };
}
