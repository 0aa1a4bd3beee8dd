import {
  placeInboundCall,
  placeInboundCalls,
  type InboundCallResult,
} from '../../simulators/callers/inbound-calls';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { loadEnv, requireSipEdge } from '../../src/config/env';
import { createLogger } from '../../src/logging';
import { startSipEdge, type SipEdge } from '../../src/sip-edge/sip-edge';
import { createSosCapability } from '../../src/sos/sos-capability';
import type { CallEvent, InboundCall } from '../../src/telephony/call-events';
import { seedSosVillage } from '../sos/support/sos-village';
import { callApi, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';
import { drachtio, secondAsterisk } from '../sip-edge/support/edge-stack';

jest.setTimeout(120_000);

/**
 * Contacts' phones on the simulated carriers of the SOS tests: sim-d (port 5110), the SOS trunk, on the
 * second server, where nobody answers; sim-c (port 5100) on the local one, where the first presses 1.
 */
const PHONES: [string, string, string, string] = [
  '+8613900000310',
  '+8613900000311',
  '+8613900000312',
  '+8613900000313',
];
/** Two elders of one household, each with a card. */
const ELDERS = [
  { imei: '863737078055319', sim: '13800000211' },
  { imei: '863737078055327', sim: '13800000222' },
] as const;

interface IncidentView {
  id: string;
  elderId: string;
  elderCallId: string | null;
  timeline: { kind: string }[];
}

describe('the SIP edge in front of two Asterisk servers', () => {
  let pstn: PstnSimulator;
  let pstnOfSecond: PstnSimulator;
  let t: TestPlatform;
  let edge: SipEdge;
  const inbound: InboundCall[] = [];
  const events: CallEvent[] = [];
  const elderIds: string[] = [];
  const sos = createSosCapability({ trunk: 'sim-d', gatewayPort: 0, inactivityEveryMs: 0 });

  beforeAll(async () => {
    const second = secondAsterisk.start();
    const drachtioUrl = drachtio.start();
    pstn = await startPstnSimulator({
      port: 5100,
      numberPlan: [
        { number: PHONES[0].slice(1), behaviour: { kind: 'press-and-hold', digits: '1', holdSeconds: 30 } },
      ],
      defaultBehaviour: { kind: 'no-answer' },
      timeScale: 0.3,
    });
    pstnOfSecond = await startPstnSimulator({
      port: 5110,
      numberPlan: [],
      defaultBehaviour: { kind: 'no-answer' },
    });
    t = await startTestPlatform([sos], {
      AMI_SERVERS: `${process.env.AMI_SERVERS ?? ''},${second}`,
      // The SOS trunk is on the second server; the local one has a trunk of its own.
      TRUNKS: 'sim-d@second:30:10,sim-c@local:30:10,pstn@local:30:10',
      AMI_LOST_CALLS_AFTER_MS: '2000',
    });
    t.platform.calls.onInboundCall((c) => inbound.push(c));
    t.platform.calls.onCallEvent((e) => events.push(e));
    // Round-robin from the first listed: the first call goes to the second server.
    const env = requireSipEdge(
      loadEnv({
        ...process.env,
        DRACHTIO_URL: drachtioUrl,
        SIP_EDGE_SERVERS: `second@127.0.0.1:${secondAsterisk.sip.port},local@127.0.0.1:5060`,
        SIP_EDGE_ROUTING: 'round-robin',
        SIP_EDGE_CARRIERS: '127.0.0.1',
        SIP_EDGE_OPTIONS_INTERVAL_MS: '500',
      }),
    );
    edge = await startSipEdge(env, createLogger('warn'));
    const village = await seedSosVillage(t.database.db, PHONES);
    const secondElder = await t.database.db.person.create({
      data: { name: '张建国', roles: ['ELDER'], householdId: village.householdId },
    });
    for (const [i, personId] of [village.elderPersonId, secondElder.id].entries()) {
      const elder = await callApi<{ id: string }>(t, 'POST', '/api/v1/elders', {
        personId,
        settings: { escalation: { mode: 'sequential', rounds: 1, ringTimeoutSeconds: 6 } },
        contacts: village.family.map((f) => ({ personId: f.personId, role: 'family' })),
      });
      expect(elder.body).toMatchObject({ id: expect.any(String) });
      const card = await callApi(t, 'POST', `/api/v1/elders/${elder.body.id}/cards`, {
        imei: ELDERS[i]?.imei,
        simNumber: ELDERS[i]?.sim,
        model: 'LK-X3',
      });
      expect(card.status).toBe(201);
      elderIds.push(elder.body.id);
    }
  });

  afterAll(async () => {
    await edge?.stop();
    drachtio.stop();
    secondAsterisk.stop();
    await t?.stop();
    await pstn?.stop();
    await pstnOfSecond?.stop();
  });

  const sosCall = (sim: string, holdSeconds: number): Promise<InboundCallResult> =>
    placeInboundCall({ from: `86${sim}`, to: '96500', holdSeconds }, { port: drachtio.sipPort });
  const incidentOf = (elderId: string, has?: string, withinMs = 20_000) =>
    waitFor(
      async () => {
        const list = await callApi<{ items: IncidentView[] }>(t, 'GET', '/api/v1/sos/incidents?status=all');
        const found = list.body.items.find((i) => i.elderId === elderId);
        if (!found) return undefined;
        const view = await callApi<IncidentView>(t, 'GET', `/api/v1/sos/incidents/${found.id}`);
        return !has || view.body.timeline.some((e) => e.kind === has) ? view.body : undefined;
      },
      withinMs,
      `an incident of elder ${elderId}${has ? ` with ${has}` : ''}`,
    );

  const contactCallsTo = (phone: string) =>
    t.database.db.call.findMany({
      where: { purpose: 'sos', destination: phone },
      orderBy: { createdAt: 'asc' },
    });

  it('lands SOS calls on the other server when one dies, bridges them there, and records the dead one’s calls as ended', async () => {
    await waitFor(() => edge.isUp('second') && edge.isUp('local'), 5_000, 'both servers healthy');
    const [elderA, elderB] = [ELDERS[0], ELDERS[1]];

    // Elder A's call lands on the second server and escalates there: the first contact's phone rings
    // through that server's trunk.
    const callA = sosCall(elderA.sim, 60);
    const incidentA = await incidentOf(elderIds[0] as string, 'ringing');
    expect(inbound.find((c) => c.callId === incidentA.elderCallId)?.server).toBe('second');
    const contactCallA = await waitFor(
      async () => (await contactCallsTo(PHONES[0]))[0],
      5_000,
      "the first contact's call",
    );
    expect(contactCallA).toMatchObject({ server: 'second', trunk: 'sim-d' });

    // The second Asterisk crashes with elder A on the line.
    secondAsterisk.crash();
    await waitFor(() => !edge.isUp('second'), 5_000, 'the edge taking the dead server out');
    // The carrier is told the call ended, and linli records it ended rather than waiting for ever.
    expect(await callA).toMatchObject({ result: 'answered', endedBy: 'callee' });
    await incidentOf(elderIds[0] as string, 'elder_hung_up');
    expect(events.find((e) => e.type === 'ended' && e.callId === incidentA.elderCallId)).toMatchObject({
      server: 'second',
      cause: 'unknown',
    });

    // The contact's call on the dead server is recorded as ended too.
    await waitFor(
      async () => (await contactCallsTo(PHONES[0]))[0]?.endedAt ?? undefined,
      10_000,
      'the contact call on the dead server recorded as ended',
    );

    // Elder B presses SOS now: the call lands on the server that is up, the first contact is called on
    // that server's trunk (the SOS trunk's server is dead), presses 1 and is bridged to the elder.
    const callB = sosCall(elderB.sim, 60);
    const incidentB = await incidentOf(elderIds[1] as string, 'bridge_entered', 40_000);
    expect(inbound.find((c) => c.callId === incidentB.elderCallId)?.server).toBe('local');
    expect((await contactCallsTo(PHONES[0])).at(-1)).toMatchObject({ server: 'local', trunk: 'sim-c' });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'bridged', callId: incidentB.elderCallId, server: 'local' }),
    );
    await t.platform.calls.hangup(incidentB.elderCallId as string);
    expect(await callB).toMatchObject({ result: 'answered', endedBy: 'callee' });
  });

  it('carries the caller’s hang-up through the edge to Asterisk', async () => {
    const calls = await placeInboundCalls(
      ['8613700000701', '8613700000702'].map((from) => ({ from, to: '96500', holdSeconds: 1 })),
      { port: drachtio.sipPort },
    );
    expect(calls.map((c) => [c.result, c.endedBy])).toEqual([
      ['answered', 'caller'],
      ['answered', 'caller'],
    ]);
    const ids = calls.map((c) => inbound.find((i) => i.caller.endsWith(c.from))?.callId);
    await waitFor(
      () => ids.every((id) => events.some((e) => e.type === 'ended' && e.callId === id)),
      10_000,
      'both calls ended in Asterisk',
    );
  });

  it('refuses a scanner’s INVITE at the edge: Asterisk never sees it', async () => {
    const before = inbound.length;
    const scan = await placeInboundCall(
      { from: '1000', to: '96500', holdSeconds: 1 },
      { port: drachtio.sipPort, userAgent: 'friendly-scanner' },
    );
    expect(scan).toMatchObject({ result: 'rejected', sipStatus: 403 });
    const outside = await placeInboundCall(
      { from: '1000', to: '900123456', holdSeconds: 1 },
      { port: drachtio.sipPort },
    );
    expect(outside).toMatchObject({ result: 'rejected', sipStatus: 404 });
    expect(inbound.length).toBe(before);
  });
});
