/**
 * Campaign calls take their channel from the trunk's budget shared by every linli process: two campaign
 * dialer processes (the campaigns capability's workers and emergency preemption, each platform with its
 * own Redis connections) over one fake engine, the real PostgreSQL and Redis, and another process placing
 * single or SOS calls on the same trunk.
 */
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../src/app/platform-types';
import { startLinli } from '../../src/app/start-linli';
import { campaignServices } from '../../src/campaigns/campaign-services';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import {
  isCampaignCallId,
  jobPriority,
  priorityColumn,
  priorityFromColumn,
} from '../../src/campaigns/dialer/campaign-job';
import { preemptibleAttempts } from '../../src/campaigns/dialer/preemptible-attempts';
import type { CampaignPriority } from '../../src/campaigns/domain';
import { createLogger } from '../../src/logging';
import { createRedis } from '../../src/queue/redis';
import { TrunkBudget } from '../../src/telephony/trunk-budget';
import type { NotifyRequest } from '../../src/telephony/verbs/notify';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { dropRedisKeys } from '../support/drop-redis-keys';
import { startFakePlatform } from '../support/fake-platform';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';
import { waitFor } from '../support/stack';
import { insertCampaign } from './support/campaign-rows';

jest.setTimeout(30_000);

const TRUNK = 'sim-a';
let serial = 0;
/** A number of its own for every phone, so one test's phones never answer another's calls. */
const phone = () => `+86139200${String(++serial).padStart(5, '0')}`;

describe('campaign calls share the trunk’s channels with every process', () => {
  let database: TestDatabase;
  let fake: FakeCallControl;
  let prefix: string;
  let mostAtOnce: number;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('trunk_budget_dialers');
  });
  afterAll(async () => {
    await database?.drop();
  });

  beforeEach(() => {
    prefix = `linli-budget-dialers-${randomBytes(4).toString('hex')}`;
    // Prompts play for ten minutes: every answered call holds its channel until it is hung up.
    fake = new FakeCallControl([TRUNK], { promptMs: 600_000 });
    mostAtOnce = 0;
    fake.onCallEvent(() => noteCallsAtOnce());
  });
  afterEach(async () => {
    // Nothing more is dialled, and every call is hung up until the workers, which wait for their calls'
    // end, have stopped.
    await database.db.campaign.updateMany({ data: { status: 'PAUSED' } });
    const hangUp = () =>
      fake.placed.forEach((r) => r.callId && fake.isLive(r.callId) && void fake.hangup(r.callId));
    const hangingUp = setInterval(hangUp, 50);
    hangUp();
    for (const stop of stops.splice(0).reverse()) await stop();
    clearInterval(hangingUp);
    await fake.close();
    await dropRedisKeys(prefix);
  });

  function noteCallsAtOnce(): void {
    mostAtOnce = Math.max(mostAtOnce, fake.channelsInUse(TRUNK));
  }

  /** One linli process running the campaign dialer, as `linli serve --role worker` does. */
  async function dialerProcess(trunks: string, name: string): Promise<Platform> {
    const platform = await startFakePlatform({
      calls: fake,
      databaseUrl: database.url,
      queuePrefix: prefix,
      trunks,
      name,
    });
    const linli = await startLinli(platform, [campaignsCapability], { api: false, workers: true });
    stops.push(async () => {
      await linli.stop();
      await platform.close();
    });
    return platform;
  }

  /** Another linli process placing single and SOS calls on the trunk: its own budget and Redis connection. */
  function callingProcess(platform: Platform): TrunkBudget {
    const redis = createRedis(platform.env.REDIS_URL);
    stops.push(async () => redis.disconnect());
    return new TrunkBudget(fake, platform.env.TRUNKS, { logger: createLogger('silent'), redis, prefix });
  }

  /** A running campaign whose households' first calls are queued; returns the trunk's campaign queue. */
  async function campaign(platform: Platform, numbers: string[], priority: CampaignPriority) {
    for (const number of numbers) fake.phone(number, 'press:1');
    const { id, targetIds } = await insertCampaign(database.db, {
      trunk: TRUNK,
      targets: numbers.map((n) => [n]),
      draft: { window: { start: '00:00', end: '24:00' } },
    });
    await database.db.campaign.update({ where: { id }, data: { priority: priorityColumn(priority) } });
    const services = campaignServices(platform);
    stops.push(() => services.close());
    await services.queues.enqueue(
      TRUNK,
      targetIds.map((targetId) => ({
        job: { campaignId: id, targetId, attemptNo: 1 },
        priority: jobPriority(priority),
        delayMs: 0,
      })),
    );
    return services.queues.queue(TRUNK);
  }

  /** Places a call a process took a channel for: it holds its channel until it is hung up. */
  async function place(callId: string): Promise<void> {
    const destination = phone();
    fake.phone(destination, 'press:1');
    const request: NotifyRequest = {
      callId,
      trunk: TRUNK,
      destination,
      ringTimeoutMs: 30_000,
      prompt: [],
      choices: [{ digit: '1', label: 'hold', hold: true }],
      maxPlays: 1,
      digitTimeoutMs: 60_000,
      holdMaxMs: 600_000,
      machineDetection: 'off',
    };
    await fake.notify(request);
    noteCallsAtOnce();
  }

  const campaignCalls = () =>
    fake.placed.flatMap((r) => (r.callId && isCampaignCallId(r.callId) ? [r.callId] : []));
  const liveCampaignCalls = () => campaignCalls().filter((id) => fake.isLive(id));

  it('two dialers never ring over the channels another process is placing single calls on', async () => {
    // Three channels, one kept for SOS calls: campaigns and single calls share two.
    const trunks = `${TRUNK}@fake:3:50:1`;
    const a = await dialerProcess(trunks, 'dialer-a');
    await dialerProcess(trunks, 'dialer-b');
    const singles = callingProcess(a);
    // Both channels taken for single calls whose originate is still under way (their prompt rendering).
    await singles.take(TRUNK, 'escalation', 'single-1');
    await singles.take(TRUNK, 'escalation', 'single-2');

    const queue = await campaign(a, [phone(), phone(), phone()], 'normal');
    await waitFor(
      async () => campaignCalls().length > 0 || (await queue.getDelayedCount()) >= 2,
      10_000,
      'the dialers to ring a household or be turned away',
    );
    await place('single-1');
    await place('single-2');
    expect(campaignCalls()).toEqual([]);

    // Each channel a single call frees goes to a campaign call, never the one kept for SOS calls.
    await fake.hangup('single-1');
    await waitFor(() => liveCampaignCalls().length === 1, 10_000, 'a campaign call on the freed channel');
    await fake.hangup('single-2');
    await waitFor(() => liveCampaignCalls().length === 2, 10_000, 'a campaign call on each channel');
    expect(mostAtOnce).toBe(2);
  });

  it('a call whose trunk channel Redis could not count holds none of its campaign’s channels, and goes out once Redis answers', async () => {
    const a = await dialerProcess(`${TRUNK}@fake:3:50:0`, 'dialer-a');
    // The budget's entry is not what its script expects: every take fails in Redis, as on a Redis fault.
    const placing = `${prefix}:trunk-budget:${TRUNK}:placing`;
    await a.redis.set(placing, 'not a sorted set');
    const numbers = [phone()];
    for (const number of numbers) fake.phone(number, 'press:1');
    const { id, targetIds } = await insertCampaign(database.db, {
      trunk: TRUNK,
      targets: numbers.map((n) => [n]),
      draft: { window: { start: '00:00', end: '24:00' }, maxChannels: 1 },
    });
    const services = campaignServices(a);
    stops.push(() => services.close());
    const queue = services.queues.queue(TRUNK);
    const [targetId = ''] = targetIds;
    await services.queues.enqueue(TRUNK, [
      { job: { campaignId: id, targetId, attemptNo: 1 }, priority: jobPriority('normal'), delayMs: 0 },
    ]);
    const job = await waitFor(
      async () => (await queue.getJobs(['delayed', 'wait'])).find((j) => j.attemptsMade >= 1),
      10_000,
      'the job to fail on the budget and wait for its retry',
    );
    expect(job.failedReason).toMatch(/WRONGTYPE/);
    expect(await services.leases.inUse(id)).toBe(0);
    expect(campaignCalls()).toEqual([]);

    await a.redis.del(placing);
    await waitFor(() => liveCampaignCalls().length === 1, 15_000, 'the household’s call on the retry');
  });

  it('an emergency campaign turned away by a trunk full of escalation calls ends a normal campaign call for its own', async () => {
    const a = await dialerProcess(`${TRUNK}@fake:3:50:0`, 'dialer-a');
    const singles = callingProcess(a);
    for (const id of ['escalation-1', 'escalation-2']) {
      await singles.take(TRUNK, 'escalation', id);
      await place(id);
    }
    // The third channel carries a normal campaign's call; its other household waits for a channel.
    await campaign(a, [phone(), phone()], 'normal');
    await waitFor(() => liveCampaignCalls().length === 1, 10_000, 'the normal campaign on the last channel');
    const [normalCall] = liveCampaignCalls();

    await campaign(a, [phone()], 'emergency');
    await waitFor(
      () => liveCampaignCalls().length === 1 && !liveCampaignCalls().includes(normalCall ?? ''),
      10_000,
      'the emergency call on the normal campaign call’s channel',
    );
    const preempted = await database.db.campaignAttempt.findUniqueOrThrow({
      where: { id: normalCall ?? '' },
    });
    expect(preempted.hangupCause).toBe(8);
    const [emergencyCall = ''] = liveCampaignCalls();
    const { campaign: of } = await database.db.campaignAttempt.findUniqueOrThrow({
      where: { id: emergencyCall },
      include: { campaign: true },
    });
    expect(priorityFromColumn(of.priority)).toBe('emergency');
    // The normal campaign's waiting household was left the channel neither time.
    expect(campaignCalls()).toHaveLength(2);
    expect(mostAtOnce).toBe(3);
  });

  it('an emergency campaign and an SOS call each end a different campaign call, never one too many', async () => {
    // No channel kept for SOS calls: on a full trunk an SOS call ends a campaign call.
    const trunks = `${TRUNK}@fake:3:50:0`;
    const a = await dialerProcess(trunks, 'dialer-a');
    await dialerProcess(trunks, 'dialer-b');
    await campaign(a, [phone(), phone(), phone()], 'normal');
    await waitFor(() => liveCampaignCalls().length === 3, 10_000, 'the campaign to fill the trunk');

    const ended: string[] = [];
    let firstEnded: () => void = () => undefined;
    const firstEnd = new Promise<void>((resolve) => (firstEnded = resolve));
    fake.onCallEvent((e) => {
      if (e.type !== 'ended' || !isCampaignCallId(e.callId)) return;
      ended.push(e.callId);
      firstEnded();
    });
    const sos = callingProcess(a);
    const attempts = preemptibleAttempts(database.db);
    const sosVictims: string[] = [];
    sos.allowPreemption({
      candidates: (trunk) => attempts.candidates(trunk),
      // This process is slow between claiming its campaign call and ending it (a database under load):
      // the emergency campaign's dialers look at the trunk meanwhile.
      markPreempted: async (callId) => {
        sosVictims.push(callId);
        await firstEnd;
        await attempts.markPreempted(callId);
      },
    });
    const sosTaken = sos.take(TRUNK, 'sos', 'sos-1');
    await waitFor(() => sosVictims.length === 1, 10_000, 'the SOS call to claim a campaign call');

    await campaign(a, [phone()], 'emergency');
    await sosTaken;
    await place('sos-1');

    expect(ended).toHaveLength(2);
    expect(new Set(ended).size).toBe(2);
    expect(ended).toContain(sosVictims[0]);
    expect(mostAtOnce).toBeLessThanOrEqual(3);
  });
});
