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

jest.setTimeout(90_000);

/** Contacts' phones on the simulated carrier sim-c (port 5100, the SOS tests'): nobody answers. */
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
  let t: TestPlatform;
  let edge: SipEdge;
  const inbound: InboundCall[] = [];
  const events: CallEvent[] = [];
  const elderIds: string[] = [];
  const sos = createSosCapability({ trunk: 'sim-c', gatewayPort: 0, inactivityEveryMs: 0 });

  beforeAll(async () => {
    const second = secondAsterisk.start();
    const drachtioUrl = drachtio.start();
    pstn = await startPstnSimulator({ port: 5100, numberPlan: [], defaultBehaviour: { kind: 'no-answer' } });
    t = await startTestPlatform([sos], {
      AMI_SERVERS: `${process.env.AMI_SERVERS ?? ''},${second}`,
      TRUNKS: 'pstn@local:30:10,sim-c@local:30:10',
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
  });

  const sosCall = (sim: string, holdSeconds: number): Promise<InboundCallResult> =>
    placeInboundCall({ from: `86${sim}`, to: '96500', holdSeconds }, { port: drachtio.sipPort });
  const incidentOf = (elderId: string, has?: string) =>
    waitFor(
      async () => {
        const list = await callApi<{ items: IncidentView[] }>(t, 'GET', '/api/v1/sos/incidents?status=all');
        const found = list.body.items.find((i) => i.elderId === elderId);
        if (!found) return undefined;
        const view = await callApi<IncidentView>(t, 'GET', `/api/v1/sos/incidents/${found.id}`);
        return !has || view.body.timeline.some((e) => e.kind === has) ? view.body : undefined;
      },
      20_000,
      `an incident of elder ${elderId}${has ? ` with ${has}` : ''}`,
    );

  it('lands SOS calls on the other server when one dies, and records the dead one’s calls as ended', async () => {
    await waitFor(() => edge.isUp('second') && edge.isUp('local'), 5_000, 'both servers healthy');
    const [elderA, elderB] = [ELDERS[0], ELDERS[1]];

    // Elder A's call lands on the second server and escalates there.
    const callA = sosCall(elderA.sim, 60);
    const incidentA = await incidentOf(elderIds[0] as string, 'call_placed');
    expect(inbound.find((c) => c.callId === incidentA.elderCallId)?.server).toBe('second');

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

    // Elder B presses SOS now: the call lands on the server that is up, and the escalation starts.
    const callB = sosCall(elderB.sim, 30);
    const incidentB = await incidentOf(elderIds[1] as string, 'call_placed');
    expect(inbound.find((c) => c.callId === incidentB.elderCallId)?.server).toBe('local');
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
