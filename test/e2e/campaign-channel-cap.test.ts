import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { mostCallsAtOnce } from '../../simulators/pstn/pstn-call-log';
import { sampleTrunkChannels } from '../campaigns/support/asterisk-channels';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { seedVillage } from '../campaigns/support/village';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(120_000);

const TRUNK_CHANNELS = 5;
const SIZES = { normal: 30, capped: 12, emergency: 8 };
const CAPPED_CHANNELS = 2;

describe('campaigns sharing one trunk', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  const numbers = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `86139${prefix}${String(i).padStart(5, '0')}`);
  const groups = {
    normal: numbers('201', SIZES.normal),
    capped: numbers('202', SIZES.capped),
    emergency: numbers('203', SIZES.emergency),
  };

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      numberPlan: Object.values(groups)
        .flat()
        .map((number) => ({ number, behaviour: phoneBehaviour('press:1') })),
      port: 5090,
      timeScale: 0.3,
    });
    t = await startTestPlatform([campaignsCapability], { TRUNKS: `sim-b@local:${TRUNK_CHANNELS}:20` });
  });

  afterAll(async () => {
    await t?.stop();
    await pstn?.stop();
  });

  async function launch(label: string, list: string[], extra: Record<string, unknown>): Promise<string> {
    const village = await seedVillage(
      t.database.db,
      label,
      list.map((n) => ({ numbers: [`+${n}`] })),
    );
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeader,
      payload: quickCampaign({ trunk: 'sim-b', audience: { villages: [village.villageCode] }, ...extra }),
    });
    expect({ status: res.statusCode, body: res.statusCode === 201 ? null : res.json() }).toEqual({
      status: 201,
      body: null,
    });
    return res.json<{ campaign: { id: string } }>().campaign.id;
  }

  it('never exceeds the trunk’s channels, keeps a campaign to its own cap, and lets an emergency go first, ending normal calls for it', async () => {
    const sampler = await sampleTrunkChannels('sim-b');
    try {
      const started = Date.now();
      const normal = await launch('shared-normal', groups.normal, {});
      const capped = await launch('shared-capped', groups.capped, { maxChannels: CAPPED_CHANNELS });
      await waitFor(
        async () =>
          (await t.database.db.campaignAttempt.count({
            where: { campaignId: normal, endedAt: { not: null } },
          })) >= 8,
        30_000,
        'the normal campaign to be under way',
      );
      const emergencyAt = new Date();
      const emergency = await launch('shared-emergency', groups.emergency, { priority: 'emergency' });
      const ids = [normal, capped, emergency];
      await waitFor(
        async () =>
          (await t.database.db.campaign.count({ where: { id: { in: ids }, status: 'COMPLETED' } })) === 3,
        90_000,
        'all three campaigns to complete',
      );
      const tookMs = Date.now() - started;
      const channels = await sampler.stop();

      const calls = pstn.calls();
      const of = (list: string[]) => calls.filter((c) => list.includes(c.number));
      // The emergency's waiting calls each ended at most one normal call (Q.850 8); those households,
      // and only those, were called a second time, uncharged.
      const preempted = await t.database.db.campaignAttempt.findMany({
        where: { campaignId: { in: [normal, capped] }, hangupCause: 8 },
      });
      expect(preempted.length).toBeGreaterThanOrEqual(1);
      expect(preempted.length).toBeLessThanOrEqual(TRUNK_CHANNELS - 1);
      expect(calls).toHaveLength(SIZES.normal + SIZES.capped + SIZES.emergency + preempted.length);
      const calledTwice = [...new Set(calls.map((c) => c.number))].filter(
        (n) => calls.filter((c) => c.number === n).length > 1,
      );
      expect(calledTwice.sort()).toEqual(preempted.map((a) => a.number.replace(/^\+/, '')).sort());
      expect(channels.max).toBeLessThanOrEqual(TRUNK_CHANNELS);
      expect(mostCallsAtOnce(calls)).toBeLessThanOrEqual(TRUNK_CHANNELS);
      expect(mostCallsAtOnce(of(groups.capped))).toBeLessThanOrEqual(CAPPED_CHANNELS);

      // Once the emergency was queued, the normal campaigns got no new channel until it was done,
      // except calls already on their way to being dialled in that moment.
      const emergencyDone = Math.max(...of(groups.emergency).map((c) => c.receivedAt.getTime()));
      const cutIn = emergencyAt.getTime() + 500;
      const othersMeanwhile = [...of(groups.normal), ...of(groups.capped)].filter(
        (c) => c.receivedAt.getTime() > cutIn && c.receivedAt.getTime() < emergencyDone,
      );
      expect(othersMeanwhile).toEqual([]);

      const outcomes = await t.database.db.campaignTarget.groupBy({
        by: ['outcome'],
        where: { campaignId: { in: ids } },
        _count: { _all: true },
      });
      expect(outcomes).toEqual([
        { outcome: 'confirmed', _count: { _all: SIZES.normal + SIZES.capped + SIZES.emergency } },
      ]);
      process.stdout.write(
        `campaign-channel-cap: ${calls.length} calls over 3 campaigns in ${(tookMs / 1000).toFixed(1)} s; ` +
          `sim-b channels max ${channels.max}/${TRUNK_CHANNELS} (Asterisk), mean while busy ${channels.mean.toFixed(1)}; ` +
          `capped campaign max ${mostCallsAtOnce(of(groups.capped))}/${CAPPED_CHANNELS}; emergency finished ` +
          `${((emergencyDone - emergencyAt.getTime()) / 1000).toFixed(1)} s after launch\n`,
      );
    } finally {
      await sampler.stop();
    }
  });
});
