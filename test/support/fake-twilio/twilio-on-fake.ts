import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TrunkConfig } from '../../../src/config/telephony-config';
import { createLogger } from '../../../src/logging';
import { createRedis, type Redis } from '../../../src/queue/redis';
import type { PromptMedia } from '../../../src/telephony/prompt';
import type { TwilioAccount, TwilioSpeech } from '../../../src/telephony/twilio/twilio-account';
import { TwilioCallControl } from '../../../src/telephony/twilio/twilio-call-control';
import { registerTwilioWebhooks } from '../../../src/telephony/twilio/webhooks/twilio-webhooks';
import { dropRedisKeys } from '../drop-redis-keys';
import { FakeTwilio, type FakeTwilioTiming } from './fake-twilio';

/** Prompts that need no rendering: every text is the same silent file, as the fake engine's speech. */
const silentMedia: PromptMedia = {
  ready: async (ref) =>
    ref.kind === 'sound' ? ref : { kind: 'file', name: 'cache/silent', durationMs: 2000 },
};

export interface TwilioOnFakeOptions {
  trunks?: TrunkConfig[];
  cps?: number;
  speech?: TwilioSpeech;
  timing?: Partial<FakeTwilioTiming>;
  /** Redis key prefix; platforms of one test that share it see each other's calls. */
  keyPrefix?: string;
  media?: PromptMedia;
}

/** The webhooks as one linli API process serves them, listening on 127.0.0.1 for the fake to call. */
export interface WebhookProcess {
  app: FastifyInstance;
  redis: Redis;
  close(): Promise<void>;
}

/**
 * The Twilio driver against a fake Twilio, for tests that use a fake (the cloud is not reachable here):
 * the fake's REST API, linli's webhooks served on a local port (TWILIO_PUBLIC_URL), the real Redis.
 */
export class TwilioOnFake {
  private readonly drivers: TwilioCallControl[] = [];
  private readonly processes: WebhookProcess[] = [];

  private constructor(
    readonly fake: FakeTwilio,
    readonly account: TwilioAccount,
    readonly mediaDir: string,
    private readonly media: PromptMedia,
  ) {}

  static async start(options: TwilioOnFakeOptions = {}): Promise<TwilioOnFake> {
    const fake = await FakeTwilio.start(options.timing);
    const mediaDir = mkdtempSync(path.join(tmpdir(), 'linli-twilio-media-'));
    // The one file silentMedia names: a tenth of a second of A-law silence.
    mkdirSync(path.join(mediaDir, 'cache'));
    writeFileSync(path.join(mediaDir, 'cache', 'silent.alaw'), Buffer.alloc(800, 0xd5));
    const account: TwilioAccount = {
      accountSid: fake.accountSid,
      authToken: fake.authToken,
      fromNumber: '+8657112345678',
      // Set once the first webhook process listens.
      publicUrl: '',
      apiUrl: fake.url,
      cps: options.cps ?? 1000,
      speech: options.speech ?? 'linli',
      sayLanguage: 'cmn-CN',
      trunks: options.trunks ?? [{ name: 'tw', server: 'twilio', channels: 30, cps: 10, reserved: 1 }],
      keyPrefix: options.keyPrefix ?? `linli-twilio-${randomBytes(4).toString('hex')}`,
    };
    const port = await freePort();
    account.publicUrl = `http://127.0.0.1:${port}`;
    const harness = new TwilioOnFake(fake, account, mediaDir, options.media ?? silentMedia);
    await harness.webhookProcess(port);
    fake.webhooksAt(account.publicUrl);
    return harness;
  }

  /** An API process serving the webhooks (the first one is the public URL Twilio calls). */
  async webhookProcess(port = 0): Promise<WebhookProcess> {
    const app = Fastify();
    const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    await registerTwilioWebhooks(app, {
      account: this.account,
      redis,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'twilio-webhooks'),
      mediaDir: this.mediaDir,
      codec: 'alaw',
    });
    await app.listen({ host: '127.0.0.1', port });
    const process_: WebhookProcess = {
      app,
      redis,
      close: async () => {
        await app.close();
        redis.disconnect();
      },
    };
    this.processes.push(process_);
    return process_;
  }

  /** A linli process's Twilio driver (a worker's), started: it hears every webhook through Redis. */
  async driver(options: { unheardCallGraceMs?: number } = {}): Promise<TwilioCallControl> {
    const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const driver = new TwilioCallControl({
      account: this.account,
      redis,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'twilio-driver'),
      media: this.media,
      ...options,
    });
    const close = driver.close.bind(driver);
    driver.close = async () => {
      await close();
      redis.disconnect();
    };
    await driver.start();
    this.drivers.push(driver);
    return driver;
  }

  async close(): Promise<void> {
    await this.fake.close();
    for (const driver of this.drivers) await driver.close();
    for (const p of this.processes) await p.close();
    await dropRedisKeys(this.account.keyPrefix);
  }
}

/** A port free on 127.0.0.1 now: the public URL must be known before the webhooks are registered. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
