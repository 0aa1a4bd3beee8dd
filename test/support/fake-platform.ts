import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Platform } from '../../src/app/platform-types';
import type { PlaceCallData } from '../../src/calls/place-call';
import { loadEnv } from '../../src/config/env';
import { openDatabase } from '../../src/db/client';
import { createLogger } from '../../src/logging';
import { createQueue, QueueName } from '../../src/queue/queues';
import { createRedis } from '../../src/queue/redis';
import { MediaFolder } from '../../src/speech/media-folder';
import { PromptFiles } from '../../src/speech/prompt-files';
import type { TtsProvider } from '../../src/speech/types';
import { UploadedAudio } from '../../src/speech/uploaded-audio';
import type { CallControl } from '../../src/telephony/call-control';
import { TrunkBudget } from '../../src/telephony/trunk-budget';

export interface FakePlatformOptions {
  /** The engine every verb goes to; shared by the platforms of one test, which closes it itself. */
  calls: CallControl;
  databaseUrl: string;
  /** Redis key and queue prefix: platforms with the same prefix are workers of one installation. */
  queuePrefix: string;
  /** TRUNKS as the environment gives it, e.g. `sim-a@fake:30:10`. */
  trunks: string;
  /** The logger's name, to tell two platforms of one test apart in its output. */
  name?: string;
}

/** The fake engine plays no audio, so speech only has to say how long a text would last. */
const silentTts: TtsProvider = {
  synthesize: async (request) => ({
    path: '/dev/null',
    name: 'silent',
    codec: request.codec,
    durationMs: 2000,
    provider: 'silent',
  }),
};

/**
 * A linli process's platform for tests that use a fake engine: what startPlatform assembles (the real
 * PostgreSQL and Redis, the queues), with the given CallControl instead of the Asterisk driver and
 * speech that renders nothing. Closing it leaves the engine alone, as a process dying leaves Asterisk.
 */
export async function startFakePlatform(options: FakePlatformOptions): Promise<Platform> {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: options.queuePrefix,
    TRUNKS: options.trunks,
    MEDIA_DIR: mkdtempSync(path.join(tmpdir(), 'linli-fake-media-')),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Loopback only: a test's card gateway must not listen beyond this machine.
    CARD_GATEWAY_HOST: '127.0.0.1',
  });
  const logger = createLogger(env.LOG_LEVEL, options.name ?? 'fake-platform');
  const database = await openDatabase(env.DATABASE_URL);
  const redis = createRedis(env.REDIS_URL);
  const queueRedis = createRedis(env.REDIS_URL, 'queue');
  const uploads = new UploadedAudio(new MediaFolder(env.MEDIA_DIR), env.TTS_CODEC);
  const queues = { calls: createQueue<PlaceCallData>(QueueName.calls, queueRedis, env.QUEUE_PREFIX) };
  return {
    env,
    logger,
    database,
    redis,
    queueRedis,
    calls: options.calls,
    trunkBudget: new TrunkBudget(options.calls, env.TRUNKS, { logger, redis, prefix: env.QUEUE_PREFIX }),
    tts: silentTts,
    uploads,
    prompts: new PromptFiles(silentTts, uploads, env.TTS_CODEC),
    queues,
    close: async () => {
      await queues.calls.close();
      await database.close();
      redis.disconnect();
      queueRedis.disconnect();
    },
  };
}
