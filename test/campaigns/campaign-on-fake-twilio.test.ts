/**
 * A 200-household campaign end to end on the fake Twilio (the cloud is not reachable here): the
 * campaigns capability's BullMQ workers, the real PostgreSQL and Redis, the Twilio driver placing every
 * call through the fake's REST API, and linli's webhooks hearing the village's phones answer, press
 * keys, be busy or not answer.
 */
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../src/app/platform-types';
import { startLinli, type RunningLinli } from '../../src/app/start-linli';
import { campaignServices, type CampaignServices } from '../../src/campaigns/campaign-services';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { jobPriority } from '../../src/campaigns/dialer/campaign-job';
import type { RetryPolicy } from '../../src/campaigns/domain';
import type { TwilioCallControl } from '../../src/telephony/twilio/twilio-call-control';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { dropRedisKeys } from '../support/drop-redis-keys';
import { startFakePlatform } from '../support/fake-platform';
import { TwilioOnFake } from '../support/fake-twilio/twilio-on-fake';
import { waitFor } from '../support/stack';
import { insertCampaign } from './support/campaign-rows';

jest.setTimeout(120_000);

const TRUNK = 'tw';
const HOUSEHOLDS = 200;
/** The village's phones, household i's by i mod 10: most confirm, some cannot come, some never answer. */
const BEHAVIOURS = [
  'press:1',
  'press:1',
  'press:1',
  'press:1',
  'press:2',
  'press:91',
  'busy',
  'no-answer',
  'reject:404',
  'hangup:1',
];
const EXPECTED: Record<string, { outcome: string; attempts: number }> = {
  'press:1': { outcome: 'confirmed', attempts: 1 },
  'press:2': { outcome: 'declined', attempts: 1 },
  'press:91': { outcome: 'confirmed', attempts: 1 },
  busy: { outcome: 'busy', attempts: 3 },
  'no-answer': { outcome: 'no_answer', attempts: 2 },
  // A number that does not exist is not dialled again.
  'reject:404': { outcome: 'failed', attempts: 1 },
  'hangup:1': { outcome: 'answered_no_digit', attempts: 2 },
};
const QUICK_RETRY: Partial<RetryPolicy> = {
  busy: { retries: 2, delayMinutes: 0.001 },
  no_answer: { retries: 1, delayMinutes: 0.001 },
  failed: { retries: 1, delayMinutes: 0.001 },
  answered_no_digit: { retries: 1, delayMinutes: 0.001 },
  rejected: { retries: 0, delayMinutes: 0.001 },
  unknown: { retries: 1, delayMinutes: 0.001 },
};

describe(`a campaign to ${HOUSEHOLDS} households on the fake Twilio`, () => {
  let tw: TwilioOnFake;
  let driver: TwilioCallControl;
  let database: TestDatabase;
  let platform: Platform;
  let linli: RunningLinli;
  let services: CampaignServices;
  const queuePrefix = `linli-twcamp-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    tw = await TwilioOnFake.start({
      trunks: [{ name: TRUNK, server: 'twilio', channels: 30, cps: 100, reserved: 1 }],
      cps: 100,
      keyPrefix: queuePrefix,
    });
    // Prompt fetching is tested with the driver; here it would only double the machine's work.
    tw.fake.fetchPrompts = false;
    driver = await tw.driver();
    database = await createTestDatabase('twcamp');
    platform = await startFakePlatform({
      calls: driver,
      databaseUrl: database.url,
      queuePrefix,
      // The platform's view of the trunk (its budget and pace); the driver has the Twilio account.
      trunks: `${TRUNK}@fake:30:100`,
      name: 'campaign-on-fake-twilio',
    });
    linli = await startLinli(platform, [campaignsCapability], { api: false, workers: true });
    services = campaignServices(platform);
  }, 30_000);

  afterAll(async () => {
    await linli?.stop();
    await services?.close();
    await platform?.close();
    await tw?.close();
    await dropRedisKeys(queuePrefix);
    await database?.drop();
  });

  it('calls every household through Twilio, retries by outcome, and settles each one as its phone behaved', async () => {
    const numbers = Array.from({ length: HOUSEHOLDS }, (_, i) => `+86137${String(i).padStart(8, '0')}`);
    numbers.forEach((n, i) => tw.fake.phone(n, BEHAVIOURS[i % BEHAVIOURS.length] ?? 'busy'));
    const { id, targetIds } = await insertCampaign(database.db, {
      trunk: TRUNK,
      targets: numbers.map((n) => [n]),
      draft: { window: { start: '00:00', end: '24:00' }, retry: QUICK_RETRY },
    });
    // The campaign's share as createCampaign would set it for this trunk: all its channels and pace.
    await database.db.campaign.update({ where: { id }, data: { channelCap: 29, cpsCap: 100 } });
    await services.queues.enqueue(
      TRUNK,
      targetIds.map((targetId) => ({
        job: { campaignId: id, targetId, attemptNo: 1 },
        priority: jobPriority('normal'),
        delayMs: 0,
      })),
    );

    await waitFor(
      async () =>
        (await database.db.campaignTarget.count({
          where: { campaignId: id, state: { in: ['FINAL', 'EXHAUSTED'] } },
        })) === HOUSEHOLDS,
      100_000,
      'every household to be settled',
    );

    const targets = await database.db.campaignTarget.findMany({
      where: { campaignId: id },
      include: { attempts: true },
    });
    const byNumber = new Map(targets.map((t) => [t.numbers[0], t]));
    const mismatches = numbers.flatMap((n, i) => {
      const behaviour = BEHAVIOURS[i % BEHAVIOURS.length] ?? '';
      const target = byNumber.get(n);
      const expected = EXPECTED[behaviour];
      const seen = { outcome: target?.outcome, attempts: target?.attempts.length };
      return expected && (seen.outcome !== expected.outcome || seen.attempts !== expected.attempts)
        ? [{ n, behaviour, seen, expected }]
        : [];
    });
    expect(mismatches).toEqual([]);
    // Twilio was asked for exactly one call per attempt, never one more.
    const attempts = targets.reduce((sum, t) => sum + t.attempts.length, 0);
    expect(tw.fake.created).toHaveLength(attempts);
    // Every webhook Twilio made was signed and answered.
    expect(tw.fake.webhooks.filter((w) => w.status !== 200)).toEqual([]);
    await waitFor(
      () => driver.channelsInUse(TRUNK) === 0 && tw.fake.liveCalls() === 0,
      5000,
      'every call to end',
    );
  });
});
