/**
 * One carrier reached from two Asterisk servers (a trunk group): a campaign on the second server's trunk
 * loses that server mid-run. The calls on the line when it died are recorded as the network's failure and
 * their households are called again, uncharged, through the first server's trunk of the group, like the
 * households not yet called; every household confirms and the campaign completes. Once the server is back,
 * campaigns on its trunk go out through it again.
 */
import { mostCallsAtOnce } from '../../simulators/pstn/pstn-call-log';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { Q850 } from '../../src/telephony/q850';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { seedVillage } from '../campaigns/support/village';
import { secondAsterisk } from '../sip-edge/support/edge-stack';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(120_000);

const HOUSEHOLDS = [
  '8613900000451',
  '8613900000452',
  '8613900000453',
  '8613900000454',
  '8613900000455',
  '8613900000456',
];
/** Each trunk's campaign channels: 3 less the one kept for SOS. */
const CAMPAIGN_CHANNELS = 2;
/** People listen this long before they press 1: the calls on the line when the server dies have no key yet. */
const PRESS_DELAY_MS = 4_000;

interface AttemptView {
  number: string;
  outcome: string | null;
  hangupCause: number | null;
  trunk: string;
}
interface HouseholdView {
  numbers: string[];
  state: string;
  outcome: string | null;
  attempts: AttemptView[];
}

describe('a campaign whose server dies goes on through the other server’s trunk of its group', () => {
  // The carrier as each server reaches it: sim-d (port 5110) from the second server, sim-c (5100) from
  // the local one. Every household presses 1.
  let carrierOfSecond: PstnSimulator;
  let carrierOfLocal: PstnSimulator;
  let t: TestPlatform;

  beforeAll(async () => {
    const second = secondAsterisk.start();
    const carrier = (port: number) =>
      startPstnSimulator({
        port,
        numberPlan: HOUSEHOLDS.map((number) => ({ number, behaviour: { kind: 'press', digits: '1' } })),
        defaultBehaviour: { kind: 'reject', sipStatus: 404 },
        timing: { ringMs: 300, pressDelayMs: PRESS_DELAY_MS },
      });
    [carrierOfSecond, carrierOfLocal] = await Promise.all([carrier(5110), carrier(5100)]);
    t = await startTestPlatform([campaignsCapability], {
      AMI_SERVERS: `${process.env.AMI_SERVERS ?? ''},${second}`,
      TRUNKS: 'pstn@local:30:10,sim-d@second:3:10:1?group=carrier,sim-c@local:3:10:1?group=carrier',
      AMI_LOST_CALLS_AFTER_MS: '2000',
    });
  });

  afterAll(async () => {
    await t?.stop();
    secondAsterisk.stop();
    await carrierOfSecond?.stop();
    await carrierOfLocal?.stop();
  });

  const get = async <T>(url: string) =>
    (await t.api.inject({ method: 'GET', url, headers: authHeader })).json<T>();

  const progress = (id: string) => get<{ callingTrunk: string }>(`/api/v1/campaigns/${id}/progress`);

  /** A campaign on the second server's trunk to these households; no retries at all. */
  async function campaignOnSecond(label: string, numbers: readonly string[]): Promise<string> {
    const village = await seedVillage(
      t.database.db,
      label,
      numbers.map((n) => ({ numbers: [`+${n}`] })),
    );
    t.api.areaTree.invalidate();
    const created = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeader,
      payload: quickCampaign({
        trunk: 'sim-d',
        audience: { villages: [village.villageCode] },
        digitTimeoutSeconds: 10,
        // A household charged for a lost call would end exhausted, never confirmed.
        retry: Object.fromEntries(
          ['busy', 'no_answer', 'failed', 'answered_no_digit', 'rejected', 'machine', 'unknown'].map((o) => [
            o,
            { retries: 0, delayMinutes: 0.02 },
          ]),
        ),
      }),
    });
    expect(created.statusCode).toBe(201);
    return created.json<{ campaign: { id: string } }>().campaign.id;
  }

  async function resultsWhenCompleted(id: string): Promise<HouseholdView[]> {
    await waitFor(
      async () => (await get<{ status: string }>(`/api/v1/campaigns/${id}`)).status === 'COMPLETED',
      60_000,
      `campaign ${id} to complete`,
    );
    return (await get<{ items: HouseholdView[] }>(`/api/v1/campaigns/${id}/results?limit=100`)).items;
  }

  it('calls the rest through the surviving server and never charges a household for the calls lost', async () => {
    await waitFor(
      () => t.platform.calls.status().every((s) => s.connected),
      15_000,
      'both servers connected',
    );
    const id = await campaignOnSecond('failover', HOUSEHOLDS);

    // Two households confirm through the second server; then both its campaign channels carry a call
    // whose household is still listening: that is when the server dies.
    const listening = (confirmed: readonly string[]) =>
      carrierOfSecond
        .calls()
        .filter((c) => c.answeredAt && !c.endedAt && !confirmed.includes(c.number))
        .map((c) => c.number);
    const beforeCrash = await waitFor(
      async () => {
        const confirmed = (
          await t.database.db.campaignTarget.findMany({
            where: { campaignId: id, outcome: 'confirmed' },
            select: { numbers: true },
          })
        ).flatMap((target) => target.numbers.map((n) => n.slice(1)));
        const lost = listening(confirmed);
        return confirmed.length >= 2 && lost.length === CAMPAIGN_CHANNELS ? { confirmed, lost } : undefined;
      },
      30_000,
      'two confirmations and two households listening on the second server',
    );
    secondAsterisk.crash();
    // Its progress says which trunk its calls go out on now.
    await waitFor(
      async () => (await progress(id)).callingTrunk === 'sim-c',
      15_000,
      'progress to name the surviving trunk',
    );

    const results = await resultsWhenCompleted(id);
    expect(results.map((h) => [h.numbers[0], h.state, h.outcome]).sort()).toEqual(
      HOUSEHOLDS.map((n) => [`+${n}`, 'FINAL', 'confirmed']),
    );
    const byNumber = new Map(results.map((h) => [h.numbers[0]?.slice(1), h.attempts]));
    // The calls lost with the server: the network's failure, then called again on the other trunk.
    for (const number of beforeCrash.lost) {
      expect(byNumber.get(number)).toMatchObject([
        { outcome: 'failed', hangupCause: Q850.NETWORK_OUT_OF_ORDER, trunk: 'sim-d' },
        { outcome: 'confirmed', trunk: 'sim-c' },
      ]);
    }
    // Everyone else was called once: those confirmed before the crash on the campaign's trunk, the rest
    // on the other trunk of its group.
    for (const number of HOUSEHOLDS.filter((n) => !beforeCrash.lost.includes(n))) {
      const trunk = beforeCrash.confirmed.includes(number) ? 'sim-d' : 'sim-c';
      expect([number, byNumber.get(number)]).toMatchObject([number, [{ outcome: 'confirmed', trunk }]]);
    }

    // The carrier saw each of the rest once through the local server, within that trunk's campaign channels.
    const throughLocal = carrierOfLocal.calls();
    expect(throughLocal.map((c) => c.number).sort()).toEqual(
      HOUSEHOLDS.filter((n) => !beforeCrash.confirmed.includes(n)).sort(),
    );
    expect(mostCallsAtOnce(throughLocal)).toBeLessThanOrEqual(CAMPAIGN_CHANNELS);
  });

  it('goes back to its own trunk once its server is up again', async () => {
    secondAsterisk.start();
    await waitFor(
      () => t.platform.calls.status().every((s) => s.connected),
      30_000,
      'the second server back',
    );
    const numbers = HOUSEHOLDS.slice(0, 2);
    const calledBefore = carrierOfSecond.calls().length;
    const id = await campaignOnSecond('failback', numbers);
    expect((await progress(id)).callingTrunk).toBe('sim-d');

    const results = await resultsWhenCompleted(id);
    expect(results.map((h) => h.attempts.map((a) => `${a.outcome}@${a.trunk}`))).toEqual([
      ['confirmed@sim-d'],
      ['confirmed@sim-d'],
    ]);
    expect(
      carrierOfSecond
        .calls()
        .slice(calledBefore)
        .map((c) => c.number)
        .sort(),
    ).toEqual(numbers);
  });
});
