/** The trunk's shared channel budget, on the fake engine (a fake: the real one runs in test/e2e) and real Redis. */
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../src/logging';
import { createRedis, type Redis } from '../../src/queue/redis';
import type { CallEventOf } from '../../src/telephony/call-events';
import { TrunkCongested } from '../../src/telephony/errors/trunk-congested';
import { TrunkBudget } from '../../src/telephony/trunk-budget';
import type { NotifyRequest } from '../../src/telephony/verbs/notify';
import { dropRedisKeys } from '../support/drop-redis-keys';
import { FakeCallControl } from '../support/fake-telephony/fake-call-control';

const TRUNK = { name: 'pstn', server: 'fake', channels: 3, cps: 10, reserved: 1 };

describe('every call takes a channel from its trunk’s budget (fake engine)', () => {
  let fake: FakeCallControl;
  let budget: TrunkBudget;
  const ended: CallEventOf<'ended'>[] = [];
  const preempted: string[] = [];
  let serial = 0;

  const holdingCall = async () => {
    const request: NotifyRequest = {
      callId: `call-${++serial}`,
      trunk: 'pstn',
      destination: `861390000${String(serial).padStart(4, '0')}`,
      ringTimeoutMs: 30_000,
      prompt: [],
      choices: [{ digit: '1', label: 'hold', hold: true }],
      maxPlays: 1,
      digitTimeoutMs: 60_000,
      holdMaxMs: 600_000,
      machineDetection: 'off',
    };
    // Presses 1 and stays on the line: a call that holds its channel until it is hung up.
    fake.phone(request.destination, 'press-and-hold:1:600');
    await fake.notify(request);
    return request.callId as string;
  };

  let redis: Redis;
  let prefix: string;
  beforeAll(() => {
    redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(() => redis.disconnect());

  beforeEach(() => {
    prefix = `linli-budget-${randomBytes(4).toString('hex')}`;
    fake = new FakeCallControl(['pstn'], { secondMs: 1000 });
    fake.onCallEvent((e) => e.type === 'ended' && ended.push(e));
    budget = new TrunkBudget(fake, [TRUNK], {
      logger: createLogger('silent'),
      redis,
      prefix,
      escalationWaitMs: 200,
    });
    preempted.length = 0;
    ended.length = 0;
  });
  afterEach(async () => {
    await fake.close();
    await dropRedisKeys(prefix);
  });

  it('an SOS call takes the reserved channel while campaigns hold the rest, ending nothing', async () => {
    const campaignCalls = [await holdingCall(), await holdingCall()];
    budget.allowPreemption({
      candidates: async () => campaignCalls,
      markPreempted: async (id) => void preempted.push(id),
    });
    await budget.take('pstn', 'sos', 'sos-1');
    expect(preempted).toEqual([]);
    expect(campaignCalls.every((id) => fake.isLive(id))).toBe(true);
  });

  it('on a full trunk an SOS call ends the first campaign call offered, marked before the hangup, and waits for it to end', async () => {
    const calls = [await holdingCall(), await holdingCall(), await holdingCall()];
    budget.allowPreemption({
      candidates: async () => [calls[2] as string, calls[1] as string],
      markPreempted: async (id) => {
        expect(fake.isLive(id)).toBe(true);
        preempted.push(id);
      },
    });
    await budget.take('pstn', 'sos', 'sos-1');
    expect(preempted).toEqual([calls[2]]);
    expect(ended).toEqual([expect.objectContaining({ callId: calls[2], q850: 8 })]);
    expect(fake.channelsInUse('pstn')).toBe(2);
  });

  it('two SOS calls at the same moment never both take the last free channel: the second ends a campaign call', async () => {
    const calls = [await holdingCall(), await holdingCall()];
    budget.allowPreemption({
      candidates: async () => calls.filter((id) => fake.isLive(id)),
      markPreempted: async (id) => void preempted.push(id),
    });
    await Promise.all([budget.take('pstn', 'sos', 'sos-a'), budget.take('pstn', 'sos', 'sos-b')]);
    expect(preempted).toHaveLength(1);
  });

  it('a single call waits for a channel campaigns have not taken, never a reserved one', async () => {
    const calls = [await holdingCall(), await holdingCall()];
    const order: string[] = [];
    fake.onCallEvent((e) => e.type === 'ended' && order.push(`ended ${e.callId}`));
    const waiting = budget.take('pstn', 'escalation', 'single-1').then(() => order.push('taken'));
    // The household hangs up in a later task: a take that did not wait would already have resolved.
    setTimeout(() => fake.farEndHangsUp(calls[0] as string), 0);
    await waiting;
    // Taken only once a campaign call had ended, though a reserved channel was free all along.
    expect(order).toEqual([`ended ${calls[0]}`, 'taken']);
    expect(fake.channelsInUse('pstn')).toBe(1);
  });

  it('a single call that finds no channel in time is not placed (congested), to be tried again', async () => {
    await holdingCall();
    await holdingCall();
    await expect(budget.take('pstn', 'escalation', 'single-1')).rejects.toBeInstanceOf(TrunkCongested);
  });
});
