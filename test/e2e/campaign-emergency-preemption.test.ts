/**
 * A normal campaign holds every campaign channel of a trunk when an emergency campaign starts: a normal
 * call is ended (Q.850 8) so the emergency household is called at once, the carrier never sees more calls
 * than the trunk has, and the household whose call was ended is called again without being charged.
 */
import { mostCallsAtOnce } from '../../simulators/pstn/pstn-call-log';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { seedVillage } from '../campaigns/support/village';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(120_000);

const CHANNELS = 3;
/** Two households that answer and stay silent: the normal campaign's calls hold their channels. */
const NORMAL = ['8613900000361', '8613900000362'];
const EMERGENCY = '8613900000371';

describe('an emergency campaign takes channels from a normal one', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      port: 5110,
      numberPlan: [
        ...NORMAL.map((number) => ({ number, behaviour: { kind: 'silent' } as const })),
        { number: EMERGENCY, behaviour: { kind: 'press', digits: '1' } },
      ],
      defaultBehaviour: { kind: 'busy' },
    });
    t = await startTestPlatform([campaignsCapability], {
      TRUNKS: `pstn@local:30:10,sim-d@local:${CHANNELS}:20:1`,
    });
  });

  afterAll(async () => {
    await t?.stop();
    await pstn?.stop();
  });

  async function create(name: string, numbers: string[], overrides: Record<string, unknown>) {
    const village = await seedVillage(
      t.database.db,
      name,
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
        message: { text: '各位村民请注意，明天上午九点在村委会开会，请准时参加。' },
        ...overrides,
      }),
    });
    expect(created.statusCode).toBe(201);
    return created.json<{ campaign: { id: string } }>().campaign.id;
  }

  it('ends a normal call for the emergency call, which the carrier never sees above the trunk', async () => {
    const normalId = await create('routine', NORMAL, { digitTimeoutSeconds: 15 });
    await waitFor(
      () => pstn.calls().filter((c) => NORMAL.includes(c.number) && c.answeredAt && !c.endedAt).length === 2,
      30_000,
      'the normal campaign to hold both campaign channels',
    );

    const emergencyId = await create('flood', [EMERGENCY], { priority: 'emergency' });
    const confirmed = await waitFor(
      async () =>
        (await t.database.db.campaignTarget.findFirst({
          where: { campaignId: emergencyId, outcome: 'confirmed' },
        })) ?? undefined,
      // Well before a normal call would end by itself (its 15 s wait for a key after the message).
      10_000,
      'the emergency household to confirm',
    );
    expect(confirmed).toBeDefined();

    const preempted = await waitFor(
      async () =>
        (await t.database.db.campaignAttempt.findFirst({
          where: { campaignId: normalId, hangupCause: 8, endedAt: { not: null } },
        })) ?? undefined,
      10_000,
      'a normal campaign call ended for the emergency one',
    );
    // The emergency call started while both normal calls were still up: it did not wait for one to end.
    const emergencyCall = pstn.calls().find((c) => c.number === EMERGENCY);
    const normalCalls = pstn.calls().filter((c) => NORMAL.includes(c.number));
    expect(
      normalCalls.filter((c) => c.endedAt && c.endedAt <= (emergencyCall?.receivedAt ?? new Date(0))).length,
    ).toBe(1);
    expect(mostCallsAtOnce(pstn.calls())).toBeLessThanOrEqual(CHANNELS);

    // Not charged: the household is called again.
    const again = await waitFor(
      async () =>
        (await t.database.db.campaignAttempt.findFirst({
          where: { targetId: preempted.targetId, attemptNo: { gt: preempted.attemptNo } },
        })) ?? undefined,
      60_000,
      'the household whose call was ended to be called again',
    );
    expect(again.number).toBe(preempted.number);
    for (const id of [normalId, emergencyId]) {
      await t.api.inject({ method: 'POST', url: `/api/v1/campaigns/${id}/cancel`, headers: authHeader });
    }
    // The silent households would hold their calls (and the workers' shutdown) for their whole wait.
    const live = await t.database.db.campaignAttempt.findMany({ where: { endedAt: null } });
    await Promise.all(live.map((a) => t.platform.calls.hangup(a.id).catch(() => undefined)));
  });
});
