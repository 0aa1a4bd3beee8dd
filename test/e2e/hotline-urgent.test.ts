import { placeInboundCall } from '../../simulators/callers/inbound-calls';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { IvrText } from '../../src/hotline/domain/ivr-prompts';
import { createHotlineCapability } from '../../src/hotline/hotline-capability';
import type { CallEvent, InboundCall } from '../../src/telephony/call-events';
import { speak } from '../../src/telephony/prompt';
import { startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

const RESIDENT = '+8613912340002';
/** The grid's worker on duty; their phone is on the simulated carrier behind trunk sim-d (port 5110). */
const DUTY_WORKER = '+8613900000201';

describe('a resident presses 0 for an urgent danger: the duty grid worker rings and is connected', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  const inbound: InboundCall[] = [];
  const events: CallEvent[] = [];
  let gridId: string;

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      port: 5110,
      numberPlan: [
        { number: DUTY_WORKER.slice(1), behaviour: { kind: 'press-and-hold', digits: '1', holdSeconds: 20 } },
      ],
      timeScale: 0.3,
    });
    t = await startTestPlatform([createHotlineCapability({ trunk: 'sim-d' })], {
      TRUNKS: 'pstn@local:30:10,sim-d@local:30:10',
    });
    t.platform.calls.onInboundCall((c) => inbound.push(c));
    t.platform.calls.onCallEvent((e) => events.push(e));
    const db = t.platform.database.db;
    const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: 'hu-town' } });
    const village = await db.area.create({
      data: { level: 'VILLAGE', name: '西村', code: 'hu-west', parentId: town.id },
    });
    const grid = await db.area.create({
      data: { level: 'GRID', name: '二组', code: 'hu-west-2', parentId: village.id },
    });
    gridId = grid.id;
    await db.household.create({
      data: { externalRef: '西巷8号', gridId, address: '西巷8号', phones: { create: { e164: RESIDENT } } },
    });
    // Another grid worker of the grid is off duty: the roster decides who rings.
    await db.person.create({
      data: {
        name: '赵六',
        roles: ['GRID_WORKER'],
        areaId: gridId,
        phones: { create: { e164: '+8613900000299', priority: 0 } },
      },
    });
    const worker = await db.person.create({
      data: {
        name: '王五',
        roles: ['GRID_WORKER'],
        areaId: gridId,
        phones: { create: { e164: DUTY_WORKER } },
      },
    });
    const now = Date.now();
    await db.caseDuty.create({
      data: {
        gridId,
        personId: worker.id,
        startsAt: new Date(now - 3600_000),
        endsAt: new Date(now + 3600_000),
      },
    });
    await Promise.all(
      [IvrText.menu, IvrText.connecting].map((text) => t.platform.prompts.ready(speak(text))),
    );
  });

  afterAll(async () => {
    await t?.stop();
    await pstn?.stop();
  });

  it('opens an urgent case in the grid at once and bridges the caller to the worker who pressed 1', async () => {
    const call = placeInboundCall({
      from: RESIDENT.slice(1),
      to: '12345',
      holdSeconds: 15,
      digits: '0',
      digitDelayMs: 2500,
    });

    const db = t.platform.database.db;
    const opened = await waitFor(
      async () => (await db.governanceCase.findFirst({ where: { callerNumber: RESIDENT } })) ?? undefined,
      15_000,
      'the urgent case',
    );
    expect(opened).toMatchObject({
      channel: 'phone',
      category: 'urgent',
      urgent: true,
      gridId,
      // The case holds the call's own recording from the start: the conversation is in it.
      recordingPath: expect.stringMatching(/^recordings\/hotline-.+\.wav$/),
    });

    const callerId = inbound.find((c) => c.service === 'hotline')?.callId ?? '';
    const bridgeOf = (callId: string) =>
      events.find(
        (e): e is Extract<CallEvent, { type: 'bridged' }> => e.type === 'bridged' && e.callId === callId,
      );
    const callerBridge = await waitFor(() => bridgeOf(callerId), 20_000, 'the caller in a bridge');
    const workerBridge = await waitFor(
      () => events.find((e) => e.type === 'bridged' && e.callId !== callerId),
      5_000,
      "the worker's call in the bridge",
    );
    expect(workerBridge).toMatchObject({ bridgeId: callerBridge.bridgeId });
    // Only the worker on duty rang.
    expect(pstn.calls().map((c) => c.number)).toEqual([DUTY_WORKER.slice(1)]);

    // The caller hangs up: the worker's call is ended too, not left in the bridge.
    const workerCallId = workerBridge.callId;
    await t.platform.calls.hangup(callerId);
    await waitFor(
      () => events.find((e) => e.type === 'ended' && e.callId === workerCallId),
      10_000,
      "the worker's call to end",
    );
    expect((await call).result).toBe('answered');
  });
});
