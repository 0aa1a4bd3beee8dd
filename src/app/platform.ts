import type { Queue } from 'bullmq';
import { requireTelephony, type Env } from '../config/env';
import { openDatabase, type DbHandle } from '../db/client';
import type { Logger } from '../logging';
import { createQueue, QueueName } from '../queue/queues';
import { createRedis, type Redis } from '../queue/redis';
import { createTtsProvider } from '../speech/create-tts-provider';
import { installPrompt } from '../speech/install-prompt';
import { MediaFolder } from '../speech/media-folder';
import type { TtsProvider } from '../speech/types';
import { AsteriskCallControl } from '../telephony/asterisk/asterisk-call-control';
import type { CallControl } from '../telephony/call-control';
import type { PlaceCallData } from '../calls/place-call';
import { STANDARD_PROMPTS } from './standard-prompts';

/** The shared parts every linli process runs on; capabilities are built on top of it. */
export interface Platform {
  env: Env;
  logger: Logger;
  database: DbHandle;
  /** Commands (locks, counters); BullMQ gets its own blocking connections. */
  redis: Redis;
  queueRedis: Redis;
  calls: CallControl;
  tts: TtsProvider;
  /** Renders text and returns the path Asterisk plays. */
  renderPrompt(text: string): Promise<string>;
  queues: { calls: Queue<PlaceCallData> };
  close(): Promise<void>;
}

export async function startPlatform(env: Env, logger: Logger): Promise<Platform> {
  requireTelephony(env);
  const database = await openDatabase(env.DATABASE_URL);
  const redis = createRedis(env.REDIS_URL);
  const queueRedis = createRedis(env.REDIS_URL, 'queue');
  const calls = new AsteriskCallControl(env.AMI_SERVERS, env.TRUNKS, logger);
  await calls.start();
  const tts = createTtsProvider(env, logger);
  const media = new MediaFolder(env.MEDIA_DIR, env.ASTERISK_MEDIA_DIR);
  for (const prompt of STANDARD_PROMPTS) await installPrompt(tts, media, { ...prompt, codec: env.TTS_CODEC });
  const queues = { calls: createQueue<PlaceCallData>(QueueName.calls, queueRedis, env.QUEUE_PREFIX) };
  return {
    env,
    logger,
    database,
    redis,
    queueRedis,
    calls,
    tts,
    renderPrompt: async (text) => (await tts.synthesize({ text, codec: env.TTS_CODEC })).asteriskPath,
    queues,
    close: async () => {
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await calls.close();
      await database.close();
      redis.disconnect();
      queueRedis.disconnect();
    },
  };
}
