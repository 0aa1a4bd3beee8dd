/**
 * Asterisk unreachable (a restart, a network fault): linli still starts and serves, an elder's alarm
 * frame still opens the incident, and the contacts are called the moment Asterisk is back.
 */
import { SimulatedCard } from '../../simulators/cards/simulated-card';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { createSosCapability } from '../../src/sos/sos-capability';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { seedVillage } from '../campaigns/support/village';
import { seedSosVillage, VILLAGE_CENTRE } from '../sos/support/sos-village';
import { authHeader, callApi, startTestPlatform, type TestPlatform } from '../support/platform';
import { localAsterisk, waitFor } from '../support/stack';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

jest.setTimeout(90_000);

/** On the simulated carrier sim-d (port 5110), reserved for the SOS tests. */
const PHONES: [string, string, string, string] = [
  '+8613900000231',
  '+8613900000232',
  '+8613900000233',
  '+8613900000234',
];
const IMEI = '863737078055431';

interface IncidentView {
  id: string;
  elderId: string;
  status: string;
  timeline: { kind: string; contactId: string | null; detail: string }[];
}

describe('while Asterisk is unreachable', () => {
  let pstn: PstnSimulator;
  let proxy: TcpProxy;
  let t: TestPlatform;
  let card: SimulatedCard | undefined;
  const sos = createSosCapability({ trunk: 'sim-d', gatewayPort: 0, inactivityEveryMs: 0 });

  beforeAll(async () => {
    const { server } = localAsterisk();
    pstn = await startPstnSimulator({
      port: 5110,
      numberPlan: [{ number: PHONES[0]?.slice(1) ?? '', behaviour: { kind: 'press', digits: '1' } }],
      defaultBehaviour: { kind: 'busy' },
      timeScale: 0.5,
    });
    proxy = await startTcpProxy(server.port, server.host);
    proxy.cut();
    const url = new URL(process.env.AMI_SERVERS ?? '');
    url.port = String(proxy.port);
    t = await startTestPlatform([campaignsCapability, sos], {
      AMI_SERVERS: url.toString(),
      TRUNKS: 'pstn@local:30:10,sim-d@local:30:10',
    });
  });

  afterAll(async () => {
    await card?.close();
    await t?.stop();
    await proxy?.close();
    await pstn?.stop();
  });

  it('linli starts and serves; the alarm opens the incident, and the call goes out once Asterisk is back', async () => {
    expect(t.platform.calls.status()).toEqual([{ server: 'local', connected: false }]);
    const village = await seedSosVillage(t.database.db, PHONES, 'outage');
    t.api.areaTree.invalidate();
    const elder = await callApi<{ id: string }>(t, 'POST', '/api/v1/elders', {
      personId: village.elderPersonId,
      settings: { escalation: { rounds: 1, ringTimeoutSeconds: 8 } },
      contacts: [{ personId: village.family[0]?.personId, role: 'family' }],
    });
    expect(elder.status).toBe(201);
    expect(
      (
        await callApi(t, 'POST', `/api/v1/elders/${elder.body.id}/cards`, {
          imei: IMEI,
          simNumber: '+8613800000231',
        })
      ).status,
    ).toBe(201);

    const gatewayPort = (await sos.runtime(t.platform)).gateway?.address.port ?? 0;
    card = new SimulatedCard({ host: '127.0.0.1', port: gatewayPort, imei: IMEI, path: [VILLAGE_CENTRE] });
    await card.connect();
    await card.pressSos();

    const incident = async () => {
      const list = await callApi<{ items: IncidentView[] }>(t, 'GET', '/api/v1/sos/incidents?status=all');
      const found = list.body.items.find((i) => i.elderId === elder.body.id);
      return found && (await callApi<IncidentView>(t, 'GET', `/api/v1/sos/incidents/${found.id}`)).body;
    };
    const waiting = await waitFor(
      async () =>
        (await incident())?.timeline.some((e) => e.kind === 'call_waiting') ? incident() : undefined,
      20_000,
      'the incident to wait for the engine',
    );
    expect(waiting?.status).not.toBe('exhausted');

    // A campaign created meanwhile is created, and says what it waits for.
    const households = await seedVillage(t.database.db, 'outage-campaign', [{ numbers: ['+8613900000239'] }]);
    const created = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeader,
      payload: quickCampaign({ trunk: 'sim-d', audience: { villages: [households.villageCode] } }),
    });
    expect(created.statusCode).toBe(201);
    const campaign = created.json<{ campaign: { id: string }; waitingFor: string | null }>();
    expect(campaign.waitingFor).toBe('telephony-engine');
    expect(pstn.calls()).toHaveLength(0);

    proxy.heal();
    const accepted = await waitFor(
      async () => ((await incident())?.timeline.some((e) => e.kind === 'accepted') ? incident() : undefined),
      40_000,
      'the family member to be called and accept',
    );
    expect(accepted?.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['alarm_frame', 'call_waiting', 'accepted']),
    );
    expect(pstn.calls().filter((c) => c.number === PHONES[0]?.slice(1))).toHaveLength(1);
    await t.api.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign.campaign.id}/cancel`,
      headers: authHeader,
    });
  });
});
