import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Capability, Platform } from '../../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../../src/app/start-linli';
import { broadcastsCapability } from '../../../src/broadcasts/broadcasts-capability';
import type { Db } from '../../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { dropRedisKeys } from '../../support/drop-redis-keys';
import { startFakePlatform } from '../../support/fake-platform';
import { FakeCallControl } from '../../support/fake-telephony/fake-call-control';

export const ADMIN = 'broadcast-test-admin-token-0123456789';

function quietHoursAwayFromNow(): string {
  const start = new Date(Date.now() + 8 * 3600_000 + 12 * 3600_000);
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  return `${hhmm(start)}-${hhmm(new Date(start.getTime() + 60_000))}`;
}

/** The fake platform's speech names every text "silent": a file of that name is what speakers download. */
const SPOKEN_SECONDS = 6;

/**
 * The broadcasts capability as linli serve runs it, API and worker, on the real PostgreSQL, Redis and
 * Mosquitto, with the fake engine standing in for Asterisk (SIP speakers are the end-to-end test's).
 */
export class BroadcastsOnStack {
  private constructor(
    readonly database: TestDatabase,
    readonly platform: Platform,
    readonly linli: RunningLinli,
    readonly fake: FakeCallControl,
  ) {}

  /** `promptMs`: how long the fake engine's pages play; `others`: capabilities started alongside. */
  static async start(label: string, promptMs = 300, others: Capability[] = []): Promise<BroadcastsOnStack> {
    const database = await createTestDatabase(label);
    const fake = new FakeCallControl(['pstn'], { ringMs: 20, promptMs });
    const base = await startFakePlatform({
      calls: fake,
      databaseUrl: database.url,
      queuePrefix: `linli-bc-${randomBytes(4).toString('hex')}`,
      trunks: 'pstn@fake:10:10',
    });
    const platform: Platform = {
      ...base,
      env: {
        ...base.env,
        LINLI_ADMIN_TOKEN: ADMIN,
        BROADCAST_AUDIO_PORT: 0,
        BROADCAST_RETRY_MS: 200,
        BROADCAST_START_TIMEOUT_MS: 3000,
        // Quiet hours one minute long, twelve hours away: a normal broadcast plays whenever the test runs.
        BROADCAST_QUIET_HOURS: quietHoursAwayFromNow(),
      },
    };
    // Six seconds of A-law silence: long enough to be preempted mid-way.
    writeFileSync(
      path.join(platform.env.MEDIA_DIR, `silent.${platform.env.TTS_CODEC}`),
      Buffer.alloc(8000 * SPOKEN_SECONDS, 0xd5),
    );
    const linli = await startLinli(platform, [broadcastsCapability, ...others], { api: true, workers: true });
    return new BroadcastsOnStack(database, platform, linli, fake);
  }

  get db(): Db {
    return this.database.db;
  }

  async request<T>(
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ): Promise<{ status: number; body: T }> {
    const res = await this.linli.api!.inject({
      method,
      url,
      headers: { authorization: `Bearer ${ADMIN}` },
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: res.statusCode, body: res.json<T>() };
  }

  /** A town with one village (code `village`) and one grid in it. */
  async village(
    code: string,
    names = { town: '城关镇', village: '东村' },
  ): Promise<{ villageId: string; gridId: string }> {
    const town = await this.db.area.create({ data: { level: 'TOWN', name: names.town, code: `${code}-t` } });
    const village = await this.db.area.create({
      data: { level: 'VILLAGE', name: names.village, code, parentId: town.id },
    });
    const grid = await this.db.area.create({
      data: { level: 'GRID', name: '一组', code: `${code}-g1`, parentId: village.id },
    });
    return { villageId: village.id, gridId: grid.id };
  }

  async stop(): Promise<void> {
    await this.linli.stop();
    await dropRedisKeys(this.platform.env.QUEUE_PREFIX);
    await this.platform.close();
    await this.fake.close();
    await this.database.drop();
  }
}
