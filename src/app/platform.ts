import { requireTelephony, type Env } from '../config/env';
import { openDatabase } from '../db/client';
import type { Logger } from '../logging';
import { createQueue, QueueName } from '../queue/queues';
import { createRedis } from '../queue/redis';
import { createTtsProvider } from '../speech/create-tts-provider';
import { installPrompt } from '../speech/install-prompt';
import { MediaFolder } from '../speech/media-folder';
import { PromptFiles } from '../speech/prompt-files';
import { UploadedAudio } from '../speech/uploaded-audio';
import { AsteriskCallControl } from '../telephony/asterisk/asterisk-call-control';
import { TrunkBudget } from '../telephony/trunk-budget';
import type { PlaceCallData } from '../calls/place-call';
import type { Platform } from './platform-types';
import { STANDARD_PROMPTS } from './standard-prompts';
import { besideTwilio } from './twilio-driver';

export async function startPlatform(env: Env, logger: Logger): Promise<Platform> {
  requireTelephony(env);
  const database = await openDatabase(env.DATABASE_URL);
  const redis = createRedis(env.REDIS_URL);
  const queueRedis = createRedis(env.REDIS_URL, 'queue');
  const tts = createTtsProvider(env, logger);
  const media = new MediaFolder(env.MEDIA_DIR);
  const uploads = new UploadedAudio(media, env.TTS_CODEC);
  const prompts = new PromptFiles(tts, uploads, env.TTS_CODEC);
  const asterisk = new AsteriskCallControl({
    servers: env.AMI_SERVERS,
    trunks: env.TRUNKS,
    logger,
    media: prompts,
    asteriskMediaDir: env.ASTERISK_MEDIA_DIR,
    ami: { lostCallsAfterMs: env.AMI_LOST_CALLS_AFTER_MS },
  });
  await asterisk.start();
  const calls = await besideTwilio(asterisk, env, { redis, logger, media: prompts });
  for (const prompt of STANDARD_PROMPTS) await installPrompt(tts, media, { ...prompt, codec: env.TTS_CODEC });
  const queues = { calls: createQueue<PlaceCallData>(QueueName.calls, queueRedis, env.QUEUE_PREFIX) };
  const trunkBudget = new TrunkBudget(calls, env.TRUNKS, { logger, redis, prefix: env.QUEUE_PREFIX });
  return {
    env,
    logger,
    database,
    redis,
    queueRedis,
    calls,
    trunkBudget,
    tts,
    uploads,
    prompts,
    queues,
    close: async () => {
      await Promise.all(Object.values(queues).map((q) => q.close()));
      trunkBudget.close();
      await calls.close();
      await database.close();
      redis.disconnect();
      queueRedis.disconnect();
    },
  };
}
