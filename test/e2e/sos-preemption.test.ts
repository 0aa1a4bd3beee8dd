/**
 * A campaign fills its share of a trunk when SOS alarms arrive: the first SOS call takes the reserved
 * channel, the next one ends a campaign call to free one, and the carrier never sees more calls than
 * the trunk has. The household whose call was ended is not charged for it.
 */
import { SimulatedCard } from '../../simulators/cards/simulated-card';
import { mostCallsAtOnce } from '../../simulators/pstn/pstn-call-log';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { createSosCapability } from '../../src/sos/sos-capability';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { seedVillage } from '../campaigns/support/village';
import { seedSosVillage, VILLAGE_CENTRE } from '../sos/support/sos-village';
import { authHeader, callApi, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(120_000);

const CHANNELS = 3;
/** Campaign households on the simulated carrier sim-d (port 5110): they answer and stay silent. */
const HOUSEHOLDS = Array.from({ length: CHANNELS - 1 }, (_, i) => `86139000003${String(i).padStart(2, '0')}`);
/** Two elders' contacts: the first of each accepts and stays on the line. */
const CONTACTS = [
  ['+8613900000241', '+8613900000242', '+8613900000243', '+8613900000244'],
  ['+8613900000251', '+8613900000252', '+8613900000253', '+8613900000254'],
] as const;

describe('SOS calls inside the trunk’s channels', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  const cards: SimulatedCard[] = [];
  const sos = createSosCapability({ trunk: 'sim-d', gatewayPort: 0, inactivityEveryMs: 0 });

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      port: 5110,
      numberPlan: [
        ...HOUSEHOLDS.map((number) => ({ number, behaviour: { kind: 'silent' } as const })),
        ...CONTACTS.map((phones) => ({
          number: phones[0].slice(1),
          behaviour: { kind: 'press-and-hold', digits: '1', holdSeconds: 8 } as const,
        })),
      ],
      defaultBehaviour: { kind: 'busy' },
    });
    t = await startTestPlatform([campaignsCapability, sos], {
      TRUNKS: `pstn@local:30:10,sim-d@local:${CHANNELS}:20:1`,
    });
  });

  afterAll(async () => {
    await Promise.all(cards.map((c) => c.close()));
    await t?.stop();
    await pstn?.stop();
  });

  async function elderWithCard(index: 0 | 1) {
    const village = await seedSosVillage(t.database.db, [...CONTACTS[index]], `preempt${index}`);
    t.api.areaTree.invalidate();
    const elder = await callApi<{ id: string }>(t, 'POST', '/api/v1/elders', {
      personId: village.elderPersonId,
      settings: { escalation: { rounds: 1, ringTimeoutSeconds: 10 } },
      contacts: [{ personId: village.family[0]?.personId, role: 'family' }],
    });
    expect(elder.status).toBe(201);
    const imei = `86373707805545${index}`;
    const card = await callApi(t, 'POST', `/api/v1/elders/${elder.body.id}/cards`, {
      imei,
      simNumber: `+861380000025${index}`,
    });
    expect(card.status).toBe(201);
    return { elderId: elder.body.id, imei };
  }

  it('takes the reserved channel, then ends a campaign call; the carrier never sees more than the trunk has', async () => {
    const elders = [await elderWithCard(0), await elderWithCard(1)];
    const village = await seedVillage(
      t.database.db,
      'preempted',
      HOUSEHOLDS.map((n) => ({ numbers: [`+${n}`] })),
    );
    const created = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeader,
      payload: quickCampaign({
        trunk: 'sim-d',
        audience: { villages: [village.villageCode] },
        message: { text: '各位村民请注意，明天上午九点在村委会开会，请准时参加。' },
        digitTimeoutSeconds: 5,
      }),
    });
    expect(created.statusCode).toBe(201);
    const campaignId = created.json<{ campaign: { id: string } }>().campaign.id;

    // The campaign holds every channel but the reserved one.
    await waitFor(
      () =>
        pstn.calls().filter((c) => HOUSEHOLDS.includes(c.number) && c.answeredAt && !c.endedAt).length ===
        CHANNELS - 1,
      30_000,
      'the campaign to fill its share of the trunk',
    );
    const gatewayPort = (await sos.runtime(t.platform)).gateway?.address.port ?? 0;
    for (const { imei } of elders) {
      const card = new SimulatedCard({ host: '127.0.0.1', port: gatewayPort, imei, path: [VILLAGE_CENTRE] });
      cards.push(card);
      await card.connect();
    }
    await Promise.all(cards.map((card) => card.pressSos()));

    const contactsCalled = () =>
      CONTACTS.every((phones) => pstn.calls().some((c) => c.number === phones[0].slice(1) && c.answeredAt));
    await waitFor(contactsCalled, 30_000, 'both elders’ first contacts to answer');

    const preempted = await waitFor(
      async () =>
        (await t.database.db.campaignAttempt.findFirst({
          where: { campaignId, hangupCause: 8, endedAt: { not: null } },
        })) ?? undefined,
      20_000,
      'a campaign attempt ended for the SOS calls',
    );
    expect(preempted.outcome).toBe('failed');
    expect(mostCallsAtOnce(pstn.calls())).toBeLessThanOrEqual(CHANNELS);
    // Not charged: the household is called again.
    const again = await waitFor(
      async () =>
        (await t.database.db.campaignAttempt.findFirst({
          where: { targetId: preempted.targetId, attemptNo: { gt: preempted.attemptNo } },
        })) ?? undefined,
      60_000,
      'the preempted household to be called again',
    );
    expect(again.number).toBe(preempted.number);
    await t.api.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignId}/cancel`,
      headers: authHeader,
    });
  });
});
