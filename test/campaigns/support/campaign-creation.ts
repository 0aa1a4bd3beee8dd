import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TrunkConfig } from '../../../src/config/telephony-config';
import { AudienceLists } from '../../../src/campaigns/create/audience-lists';
import type { CreateCampaignDeps } from '../../../src/campaigns/create/create-campaign';
import type { CampaignCallJob } from '../../../src/campaigns/dialer/campaign-job';
import { TrunkQueues, type QueuedAttempt } from '../../../src/campaigns/dialer/trunk-queues';
import type { Db } from '../../../src/db/client';
import { loadAreaTree } from '../../../src/directory/area-tree';
import { createRedis } from '../../../src/queue/redis';
import { MediaFolder } from '../../../src/speech/media-folder';
import { PromptFiles } from '../../../src/speech/prompt-files';
import type { TtsProvider } from '../../../src/speech/types';
import { UploadedAudio } from '../../../src/speech/uploaded-audio';

export const CREATION_TRUNK: TrunkConfig = {
  name: 'pstn',
  server: 'local',
  channels: 30,
  cps: 10,
  reserved: 1,
};

/** Speech is not what these runs look at: every text "lasts" three seconds and no file is written. */
const silentTts: TtsProvider = {
  synthesize: async (request) => ({
    path: '/dev/null',
    name: 'silent',
    codec: request.codec,
    durationMs: 3000,
    provider: 'silent',
  }),
};

export interface CampaignCreationFixture {
  deps: CreateCampaignDeps;
  redis: Redis;
  /** The trunk's campaign queue, in a Redis prefix of its own that no dialer reads. */
  queue: Queue<CampaignCallJob>;
  /** Empties the queue and closes the Redis connection. */
  close(): Promise<void>;
}

/**
 * What createCampaign needs, without a linli process: the real database, area tree and Redis queues under
 * a prefix of their own (so nothing dials), and speech that renders nothing.
 */
export async function campaignCreationFixture(db: Db): Promise<CampaignCreationFixture> {
  const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'queue');
  const prefix = `linli-create-${randomBytes(4).toString('hex')}`;
  const queues = new TrunkQueues(redis, prefix, [CREATION_TRUNK]);
  const media = new MediaFolder(mkdtempSync(path.join(tmpdir(), 'linli-create-')));
  const uploads = new UploadedAudio(media, 'alaw');
  return {
    deps: {
      db,
      tree: await loadAreaTree(db),
      lists: new AudienceLists(redis, prefix),
      uploads,
      prompts: new PromptFiles(silentTts, uploads, 'alaw'),
      trunks: [CREATION_TRUNK],
      queues,
    },
    redis,
    queue: queues.queue(CREATION_TRUNK.name),
    close: async () => {
      await queues.queue(CREATION_TRUNK.name).obliterate({ force: true });
      await queues.close();
      redis.disconnect();
    },
  };
}

/** Queues that keep what they are given instead of sending it to Redis: for counting every job of a city. */
export class RecordingTrunkQueues extends TrunkQueues {
  readonly queued: QueuedAttempt[] = [];

  override async enqueue(_trunk: string, attempts: readonly QueuedAttempt[]): Promise<void> {
    this.queued.push(...attempts);
  }
}
