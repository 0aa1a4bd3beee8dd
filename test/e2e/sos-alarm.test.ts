import { placeInboundCall, type InboundCallResult } from '../../simulators/callers/inbound-calls';
import { SimulatedCard } from '../../simulators/cards/simulated-card';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { createSosCapability } from '../../src/sos/sos-capability';
import { seedSosVillage, VILLAGE_CENTRE, type SosVillage } from '../sos/support/sos-village';
import { callApi, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

/** Contacts' phones are on the simulated carrier sim-d (port 5110), reserved for the SOS tests. */
const ALONE = {
  family1: '+8613900000201',
  family2: '+8613900000202',
  grid: '+8613900000203',
  cadre: '+8613900000204',
};
const NOBODY = {
  family1: '+8613900000221',
  family2: '+8613900000222',
  grid: '+8613900000223',
  cadre: '+8613900000224',
};
const TWICE = {
  family1: '+8613900000211',
  family2: '+8613900000212',
  grid: '+8613900000213',
  cadre: '+8613900000214',
};
const digits = (e164: string) => e164.slice(1);

interface IncidentView {
  id: string;
  elderId: string;
  status: string;
  trigger: string;
  elderCallId: string | null;
  timeline: { kind: string; contactId: string | null; detail: string }[];
}

describe('the love card’s alarm frame raises the SOS, alone or together with its call', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  let gatewayPort: number;
  const sos = createSosCapability({ trunk: 'sim-d', gatewayPort: 0, inactivityEveryMs: 0 });
  const cards: SimulatedCard[] = [];

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      port: 5110,
      numberPlan: [
        { number: digits(ALONE.family1), behaviour: { kind: 'press', digits: '1' } },
        {
          number: digits(TWICE.family1),
          behaviour: { kind: 'press-and-hold', digits: '1', holdSeconds: 20 },
        },
      ],
      defaultBehaviour: { kind: 'busy' },
      timeScale: 0.5,
    });
    t = await startTestPlatform([sos], { TRUNKS: 'pstn@local:30:10,sim-d@local:30:10' });
    gatewayPort = (await sos.runtime(t.platform)).gateway?.address.port ?? 0;
  });

  afterAll(async () => {
    await Promise.all(cards.map((c) => c.close()));
    await t?.stop();
    await pstn?.stop();
  });

  const api = <T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    callApi<T>(t, method, url, payload);

  /** An elder of a fresh village, with a card registered through the API and connected to the gateway. */
  async function elderWithCard(
    tag: string,
    phones: typeof ALONE,
    imei: string,
    sim: string,
    escalation: object = { rounds: 1, ringTimeoutSeconds: 8 },
  ) {
    const village: SosVillage = await seedSosVillage(
      t.database.db,
      [phones.family1, phones.family2, phones.grid, phones.cadre],
      tag,
    );
    // Areas written straight to the database, not through the API that would tell its cache.
    t.api.areaTree.invalidate();
    const elder = await api<{ id: string }>('POST', '/api/v1/elders', {
      personId: village.elderPersonId,
      settings: { escalation },
      contacts: [
        { personId: village.family[0]?.personId, role: 'family' },
        { personId: village.gridWorker.personId, role: 'grid_worker' },
      ],
    });
    expect(elder.status).toBe(201);
    expect(
      (await api('POST', `/api/v1/elders/${elder.body.id}/cards`, { imei, simNumber: sim })).status,
    ).toBe(201);
    return { village, elderId: elder.body.id };
  }

  async function incidentsOf(elderId: string): Promise<IncidentView[]> {
    const list = await api<{ items: IncidentView[] }>('GET', '/api/v1/sos/incidents?status=all');
    return Promise.all(
      list.body.items
        .filter((i) => i.elderId === elderId)
        .map(async (i) => (await api<IncidentView>('GET', `/api/v1/sos/incidents/${i.id}`)).body),
    );
  }

  it('calls the contacts on an alarm frame alone and tells the one who accepts where to go', async () => {
    const { village, elderId } = await elderWithCard('alone', ALONE, '863737078055401', '+8613800000201');
    const card = new SimulatedCard({
      host: '127.0.0.1',
      port: gatewayPort,
      imei: '863737078055401',
      path: [VILLAGE_CENTRE],
    });
    cards.push(card);
    await card.connect();
    await card.pressSos();

    const family1 = village.family[0]?.personId;
    const incident = await waitFor(
      async () => {
        const [found] = await incidentsOf(elderId);
        return found?.timeline.some((e) => e.kind === 'location_played') ? found : undefined;
      },
      30_000,
      'the responder to be told the location',
    );
    expect(incident).toMatchObject({
      trigger: 'alarm_frame',
      status: 'responder_en_route',
      elderCallId: null,
    });
    expect(incident.timeline[0]?.detail).toContain('东巷12号附近');
    expect(incident.timeline.map((e) => [e.kind, e.contactId])).toEqual(
      expect.arrayContaining([
        ['alarm_frame', null],
        ['accepted', family1],
        ['location_told', family1],
        ['location_played', family1],
      ]),
    );
    // The location is played on the responder's own call: nobody rings them a second time.
    await waitFor(
      () => pstn.calls().find((c) => c.number === digits(ALONE.family1))?.endedAt,
      15_000,
      'the responder call to end after the location',
    );
    expect(pstn.calls().filter((c) => c.number === digits(ALONE.family1))).toHaveLength(1);
  });

  it('makes one incident of the card’s call and frame for one press, and connects the elder', async () => {
    const { village, elderId } = await elderWithCard('twice', TWICE, '863737078055402', '+8613800000202');
    let sosCall: Promise<InboundCallResult> | undefined;
    const card = new SimulatedCard({
      host: '127.0.0.1',
      port: gatewayPort,
      imei: '863737078055402',
      path: [VILLAGE_CENTRE],
      onSosPress: () => {
        sosCall = placeInboundCall({ from: '8613800000202', to: '96500', holdSeconds: 20 });
      },
    });
    cards.push(card);
    await card.connect();
    await card.pressSos();

    const family1 = village.family[0]?.personId;
    const incident = await waitFor(
      async () => {
        const [found] = await incidentsOf(elderId);
        const bridged = found?.timeline.filter((e) => e.kind === 'bridge_entered').length === 2;
        return found?.status === 'connected' && bridged ? found : undefined;
      },
      30_000,
      'the elder and the responder connected',
    );
    expect(await incidentsOf(elderId)).toHaveLength(1);
    const kinds = incident.timeline.map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['alarm_frame', 'sos_call', 'sos_repeated', 'accepted', 'bridged']),
    );
    expect(incident.timeline.find((e) => e.kind === 'accepted')?.contactId).toBe(family1);
    expect(incident.elderCallId).toBeTruthy();
    await t.platform.calls.hangup(incident.elderCallId ?? '');
    await t.platform.calls.hangup(`${incident.id}-1`);
    expect((await sosCall)?.result).toBe('answered');
  });

  it('goes through the list again after a pause, then leaves the incident open for the dispatcher', async () => {
    const { elderId } = await elderWithCard('nobody', NOBODY, '863737078055403', '+8613800000203', {
      rounds: 2,
      ringTimeoutSeconds: 8,
      pauseBetweenRoundsSeconds: 1,
    });
    const card = new SimulatedCard({ host: '127.0.0.1', port: gatewayPort, imei: '863737078055403' });
    cards.push(card);
    await card.connect();
    await card.pressSos();

    const incident = await waitFor(
      async () => {
        const [found] = await incidentsOf(elderId);
        return found?.timeline.some((e) => e.kind === 'dispatcher_needed') ? found : undefined;
      },
      30_000,
      'every round to go by',
    );
    expect(incident.status).toBe('exhausted');
    expect(incident.timeline.filter((e) => e.kind === 'round_started').map((e) => e.detail)).toEqual([
      'round 1 of 2',
      'round 2 of 2',
    ]);
    expect(incident.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['round_paused', 'exhausted', 'dispatcher_needed']),
    );
    const rang = pstn.calls().filter((c) => [NOBODY.family1, NOBODY.grid].map(digits).includes(c.number));
    expect(rang.map((c) => c.number)).toEqual(
      [NOBODY.family1, NOBODY.grid, NOBODY.family1, NOBODY.grid].map(digits),
    );
    const open = await api<{ items: { id: string }[] }>('GET', '/api/v1/sos/incidents?status=open');
    expect(open.body.items.map((i) => i.id)).toContain(incident.id);
  });
});
