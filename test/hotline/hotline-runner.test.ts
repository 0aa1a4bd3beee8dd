/** The hotline runner on the fake engine (a fake: the real Asterisk runs in test/e2e/hotline-*), real PostgreSQL and Redis. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HotlineRunner } from '../../src/hotline/hotline-runner';
import type { HotlineJob } from '../../src/hotline/hotline-jobs';
import { openHotlineCase, plainCaseOpener } from '../../src/hotline/open-hotline-case';
import { SessionStore } from '../../src/hotline/session-store';
import { createLogger } from '../../src/logging';
import { createQueue, QueueName } from '../../src/queue/queues';
import { createRedis, type Redis } from '../../src/queue/redis';
import { TrunkBudget } from '../../src/telephony/trunk-budget';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { waitFor } from '../support/stack';

const CALLER = '+8613912345678';
const logger = createLogger('silent');

describe('hotline calls survive the process that took them', () => {
  let database: TestDatabase;
  let redis: Redis;
  let queue: ReturnType<typeof createQueue<HotlineJob>>;
  let gridId: string;
  const prefix = `linli-test-${randomBytes(4).toString('hex')}`;
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'linli-hotline-'));

  beforeAll(async () => {
    database = await createTestDatabase('hotline_runner');
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    queue = createQueue<HotlineJob>(QueueName.hotline, redis, prefix);
    const db = database.db;
    const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: 'hr' } });
    const village = await db.area.create({
      data: { level: 'VILLAGE', name: '东村', code: '1021', parentId: town.id },
    });
    const grid = await db.area.create({
      data: { level: 'GRID', name: '一组', code: 'hr-1', parentId: village.id },
    });
    gridId = grid.id;
    await db.household.create({
      data: { externalRef: '东巷1号', gridId, address: '东巷1号', phones: { create: { e164: CALLER } } },
    });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    await database.drop();
  });

  /** One linli process's hotline: its own runner, listening to the engine until it "dies". */
  function linliProcess(fake: FakeCallControl) {
    const runner = new HotlineRunner({
      db: database.db,
      calls: fake,
      budget: new TrunkBudget(fake, [{ name: 'pstn', server: 'fake', channels: 4, cps: 10, reserved: 1 }], {
        logger,
        redis,
        prefix,
      }),
      sessions: new SessionStore(redis, prefix),
      trunk: 'pstn',
      callerId: '12345',
      openCase: (callId, request) =>
        openHotlineCase(
          { open: plainCaseOpener(database.db, Date.now), mediaDir, queue, transcribe: false },
          { callId, channel: 'phone' },
          request,
        ),
      watch: async () => undefined,
      now: Date.now,
      logger,
    });
    // What the process is still doing when it dies finishes first: nothing runs on after the test.
    const inFlight = new Set<Promise<unknown>>();
    const track = (work: Promise<unknown>) => {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    };
    const stops = [
      fake.onInboundCall((call) => track(runner.onInbound(call))),
      fake.onCallEvent((event) => track(runner.onCallEvent(event))),
    ];
    return {
      runner,
      die: async () => {
        stops.forEach((stop) => stop());
        await Promise.all(inFlight);
      },
    };
  }

  const sessionStage = async (callId: string) =>
    (await new SessionStore(redis, prefix).read(callId))?.stage.at;
  const caseOf = (callId: string) =>
    waitFor(
      async () => (await database.db.governanceCase.findFirst({ where: { callId } })) ?? undefined,
      5000,
      'the case',
    );

  it('two processes hear every event: the call gets one case, read back to the caller', async () => {
    const fake = new FakeCallControl(['pstn'], { promptMs: 20 });
    const a = linliProcess(fake);
    const b = linliProcess(fake);
    const call = fake.callIn('hotline', CALLER.slice(1), '2');
    await waitFor(
      async () => ((await sessionStage(call.callId)) === 'done' ? true : undefined),
      5000,
      'the end of the IVR',
    );
    const opened = await caseOf(call.callId);
    expect(opened).toMatchObject({
      category: 'consultation',
      gridId,
      recordingPath: expect.stringMatching(/hotline-message/),
    });
    expect(await database.db.governanceCase.count({ where: { callId: call.callId } })).toBe(1);
    expect(fake.isLive(call.callId)).toBe(false);
    await a.die();
    await b.die();
    await fake.close();
  });

  it('the process that took the call dies while the caller speaks: another opens the case with the message', async () => {
    const fake = new FakeCallControl(['pstn'], { promptMs: 200 });
    const a = linliProcess(fake);
    const b = linliProcess(fake);
    const call = fake.callIn('hotline', CALLER.slice(1), '3');
    await waitFor(
      async () => ((await sessionStage(call.callId)) === 'recording' ? true : undefined),
      5000,
      'recording',
    );
    await a.die();
    fake.farEndHangsUp(call.callId);
    const opened = await caseOf(call.callId);
    expect(opened).toMatchObject({
      category: 'suggestion',
      gridId,
      recordingPath: `recordings/hotline-message-${call.callId.toLowerCase()}.wav`,
    });
    await b.die();
    await fake.close();
  });

  it('every process was gone when the call ended: the watch job opens the case with the call recording', async () => {
    const fake = new FakeCallControl(['pstn'], { promptMs: 200 });
    const a = linliProcess(fake);
    const call = fake.callIn('hotline', '8613800000077');
    await waitFor(
      async () => ((await sessionStage(call.callId)) === 'menu' ? true : undefined),
      5000,
      'the menu',
    );
    await a.die();
    fake.farEndHangsUp(call.callId);
    const restarted = linliProcess(fake);
    expect(await restarted.runner.checkUnseenEnd(call.callId)).toBe('finished');
    const opened = await caseOf(call.callId);
    // An unknown number who pressed nothing: a complaint for the town dispatcher, with the whole call.
    expect(opened).toMatchObject({
      category: 'complaint',
      villageId: null,
      gridId: null,
      recordingPath: `${call.recording}.wav`,
    });
    expect(await restarted.runner.checkUnseenEnd(call.callId)).toBe('none');
    await restarted.die();
    await fake.close();
  });

  it('an unknown caller keys in the village code: the case is the village’s', async () => {
    const fake = new FakeCallControl(['pstn'], { promptMs: 20 });
    const a = linliProcess(fake);
    const call = fake.callIn('hotline', '8613800000088', '41021#');
    const opened = await caseOf(call.callId);
    const village = await database.db.area.findFirstOrThrow({ where: { code: '1021' } });
    expect(opened).toMatchObject({ category: 'business', villageId: village.id, gridId: null });
    await a.die();
    await fake.close();
  });
});
