import { placeInboundCall, type InboundCallResult } from '../../simulators/callers/inbound-calls';
import { SimulatedCard } from '../../simulators/cards/simulated-card';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { startPlatform } from '../../src/app/platform';
import type { Platform } from '../../src/app/platform-types';
import { createLogger } from '../../src/logging';
import { createSosCapability } from '../../src/sos/sos-capability';
import type { CallEvent } from '../../src/telephony/call-events';
import { seedSosVillage, VILLAGE_CENTRE, type SosVillage } from '../sos/support/sos-village';
import { callApi, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

/** Contacts' phones are on the simulated carrier sim-c (port 5100), reserved for the SOS tests. */
const PHONES = {
  family1: '+8613900000101',
  family2: '+8613900000102',
  gridWorker: '+8613900000103',
  cadre: '+8613900000104',
} as const;
const CARD_SIM = '+8613800000199';
const digits = (e164: string) => e164.slice(1);

interface Timeline {
  kind: string;
  contactId: string | null;
  callId?: string;
  detail: string;
}

describe('an elder presses SOS: the card calls in, contacts are called until one accepts and is connected', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  let village: SosVillage;
  let gatewayPort: number;
  let secondWorker: { platform: Platform; stop(): Promise<void> };
  const events: CallEvent[] = [];
  const sos = createSosCapability({ trunk: 'sim-c', gatewayPort: 0, inactivityEveryMs: 0 });

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      port: 5100,
      numberPlan: [
        { number: digits(PHONES.family1), behaviour: { kind: 'no-answer' } },
        {
          number: digits(PHONES.family2),
          behaviour: { kind: 'press-and-hold', digits: '1', holdSeconds: 30 },
        },
        { number: digits(PHONES.gridWorker), behaviour: { kind: 'busy' } },
        { number: digits(PHONES.cadre), behaviour: { kind: 'busy' } },
      ],
      timeScale: 0.3,
    });
    t = await startTestPlatform([sos], {
      TRUNKS: 'pstn@local:30:10,sim-c@local:30:10',
    });
    t.platform.calls.onCallEvent((e) => events.push(e));
    gatewayPort = (await sos.runtime(t.platform)).gateway?.address.port ?? 0;
    // A second worker process on the same database and queues: it hears every AMI event too.
    const platform = await startPlatform(t.platform.env, createLogger('warn'));
    const running = await sos.start?.(platform);
    secondWorker = {
      platform,
      stop: async () => {
        await Promise.all(running?.workers.map((w) => w.close()) ?? []);
        await running?.stop();
        await platform.close();
      },
    };
    village = await seedSosVillage(t.database.db, [
      PHONES.family1,
      PHONES.family2,
      PHONES.gridWorker,
      PHONES.cadre,
    ]);
  });

  afterAll(async () => {
    await secondWorker?.stop();
    await t?.stop();
    await pstn?.stop();
  });

  const api = <T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    callApi<T>(t, method, url, payload);

  it('bridges the second family member, who pressed 1, to the elder after the first did not answer', async () => {
    const elder = await api<{ id: string }>('POST', '/api/v1/elders', {
      personId: village.elderPersonId,
      notes: '糖尿病，钥匙在门口花盆下',
      settings: { escalation: { mode: 'sequential', rounds: 1, ringTimeoutSeconds: 6 } },
      contacts: [
        { personId: village.family[0]?.personId, role: 'family' },
        { personId: village.family[1]?.personId, role: 'family' },
        { personId: village.gridWorker.personId, role: 'grid_worker' },
      ],
    });
    expect(elder.status).toBe(201);
    const card = await api('POST', `/api/v1/elders/${elder.body.id}/cards`, {
      imei: '863737078055301',
      simNumber: '13800000199',
      model: 'LK-X3',
    });
    expect(card).toMatchObject({ status: 201, body: { simNumber: CARD_SIM } });
    // The card reports where it is, about 60 m north-east of the elder's home, before the press.
    const loveCard = new SimulatedCard({
      host: '127.0.0.1',
      port: gatewayPort,
      imei: '863737078055301',
      path: [{ lat: VILLAGE_CENTRE.lat + 0.0004, lon: VILLAGE_CENTRE.lon + 0.0004 }],
    });
    await loveCard.connect();
    loveCard.sendPosition();
    await loveCard.heartbeatAndWait();

    const sosCall: Promise<InboundCallResult> = placeInboundCall({
      from: digits(CARD_SIM),
      to: '96500',
      holdSeconds: 30,
    });
    const incident = await waitFor(
      async () => (await api<{ items: { id: string }[] }>('GET', '/api/v1/sos/incidents')).body.items[0],
      15_000,
      'an SOS incident',
    );
    const connected = await waitFor(
      async () => {
        const view = await api<{ status: string; elderCallId: string; timeline: Timeline[] }>(
          'GET',
          `/api/v1/sos/incidents/${incident.id}`,
        );
        return view.body.timeline.filter((e) => e.kind === 'bridge_entered').length === 2
          ? view.body
          : undefined;
      },
      30_000,
      'the responder and the elder in one bridge',
    );

    expect(connected.status).toBe('connected');
    const family1 = village.family[0]?.personId;
    const family2 = village.family[1]?.personId;
    const steps = connected.timeline.map((e) => [e.kind, e.contactId]);
    expect(steps).toEqual([
      ['sos_call', null],
      ['escalation_started', null],
      ['round_started', null],
      ['call_placed', family1],
      ['ringing', family1],
      ['no_answer', family1],
      ['call_placed', family2],
      ['ringing', family2],
      ['answered', family2],
      ['accepted', family2],
      ['bridged', family2],
      ['calls_stopped', null],
      ['bridge_entered', null],
      ['bridge_entered', null],
    ]);
    expect(connected.timeline[0]?.detail).toMatch(/东巷12号东北方向约\d+米/);

    // AMI's BridgeEnter for both calls, with one bridge id: the responder hears the elder.
    const responderCallId = `${incident.id}-2`;
    const bridgeOf = (callId: string) => events.find((e) => e.type === 'bridged' && e.callId === callId);
    const elderBridge = bridgeOf(connected.elderCallId);
    const responderBridge = bridgeOf(responderCallId);
    expect(elderBridge).toBeDefined();
    expect(elderBridge).toEqual(
      expect.objectContaining({ bridgeId: (responderBridge as { bridgeId: string }).bridgeId }),
    );

    // Two workers heard the SOS call: one incident, and each contact rang once.
    expect(
      (await api<{ items: unknown[] }>('GET', '/api/v1/sos/incidents?status=all')).body.items,
    ).toHaveLength(1);
    const rang = pstn.calls().map((c) => [c.number, c.behaviour]);
    expect(rang).toEqual([
      [digits(PHONES.family1), 'no-answer'],
      [digits(PHONES.family2), 'press-and-hold:1:30'],
    ]);

    const resolved = await api<{ status: string; resolvedBy: string }>(
      'POST',
      `/api/v1/sos/incidents/${incident.id}/resolve`,
      {
        by: family2,
      },
    );
    expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved', resolvedBy: family2 } });
    // Resolving never cuts the responder off from the elder.
    expect(t.platform.calls.isLive(responderCallId)).toBe(true);

    await t.platform.calls.hangup(connected.elderCallId);
    await t.platform.calls.hangup(responderCallId);
    expect((await sosCall).result).toBe('answered');
    await loveCard.close();
  });

  it('answers an SOS call from a number no card has and lists it for the dispatcher to call back', async () => {
    const stranger = await placeInboundCall({ from: '8613700000999', to: '96500', holdSeconds: 2 });
    expect(stranger.result).toBe('answered');
    const listed = await waitFor(
      async () =>
        (
          await api<{ items: { details: { caller: string; recording: string } }[] }>(
            'GET',
            '/api/v1/sos/unknown-calls',
          )
        ).body.items[0],
      10_000,
      'the unknown caller listed',
    );
    expect(listed.details).toMatchObject({
      caller: '+8613700000999',
      recording: expect.stringMatching(/^recordings\/sos-/),
    });
    expect(
      (await api<{ items: unknown[] }>('GET', '/api/v1/sos/incidents?status=all')).body.items,
    ).toHaveLength(1);
  });
});
