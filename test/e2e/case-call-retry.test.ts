import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import type { PhoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { createCasesCapability } from '../../src/cases/cases-capability';
import { slaPolicyJson } from '../../src/cases/sla/case-sla-rules';
import { callApi, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

/** The grid worker's phone on the simulated carrier behind trunk sim-d (port 5110). */
const GRID_WORKER = '+8613900000311';
/** Long enough to swap the simulated phone's behaviour: SIPp restarts in well under a second, a loaded CI runner may take a few. */
const RETRY_MS = 8000;

interface TimelineEntry {
  type: string;
  channel: string;
  note: string;
  details: { call?: { purpose: string; outcome: string; attempt?: number } };
}

/**
 * Through the real Asterisk: the near-breach call finds the grid worker's phone busy; the retry,
 * CASE_CALL_RETRY_MS later, is answered and their key 1 accepts the case. The timeline shows both
 * attempts, the first one's outcome and the decision to call again.
 */
describe('an escalation call retried after a busy phone', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;

  /** The carrier's phones: the grid worker's behaves as given (one SIPp per behaviour, on port 5110). */
  const carrier = (behaviour: PhoneBehaviour) =>
    startPstnSimulator({
      port: 5110,
      numberPlan: [{ number: GRID_WORKER.slice(1), behaviour }],
      timeScale: 0.3,
    });

  beforeAll(async () => {
    pstn = await carrier({ kind: 'busy' });
    t = await startTestPlatform([createCasesCapability()], {
      TRUNKS: 'pstn@local:30:10,sim-d@local:30:10',
      CASE_CALL_TRUNK: 'sim-d',
      CASE_CALL_ATTEMPTS: '3',
      CASE_CALL_RETRY_MS: String(RETRY_MS),
    });
    const db = t.platform.database.db;
    const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: 'cr-town' } });
    const village = await db.area.create({
      data: { level: 'VILLAGE', name: '南村', code: 'cr-south', parentId: town.id },
    });
    const grid = await db.area.create({
      data: { level: 'GRID', name: '三组', code: 'cr-south-3', parentId: village.id },
    });
    await db.person.create({
      data: {
        name: '陈网格',
        roles: ['GRID_WORKER'],
        areaId: grid.id,
        phones: { create: { e164: GRID_WORKER } },
      },
    });
    // The 80% reminder rings 1.9 s after opening.
    await db.caseSlaPolicy.create({
      data: {
        category: 'complaint',
        urgent: true,
        policy: slaPolicyJson.write({
          clock: 'elapsed',
          acceptMinutes: 0.04,
          dispatchMinutes: 60,
          onSiteMinutes: 60,
          resolveMinutes: 600,
          resolveWorkingDays: null,
        }),
      },
    });
  });

  afterAll(async () => {
    await t?.stop();
    await pstn?.stop();
  });

  const detail = async (id: string) =>
    (await callApi<{ state: string; timeline: TimelineEntry[] }>(t, 'GET', `/api/v1/cases/${id}`)).body;
  const reminderCalls = (timeline: TimelineEntry[]) =>
    timeline.filter((e) => e.type === 'call' && e.details.call?.purpose === 'escalation-warn');

  it('rings the grid worker again after busy; their key 1 on the retry accepts the case', async () => {
    const grid = await t.platform.database.db.area.findUniqueOrThrow({ where: { code: 'cr-south-3' } });
    const opened = await callApi<{ id: string }>(t, 'POST', '/api/v1/cases', {
      category: 'complaint',
      urgent: true,
      description: '路边电线垂落',
      areaId: grid.id,
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id;

    // The first attempt's end is on the timeline once its retry is queued.
    const busy = await waitFor(
      async () => reminderCalls((await detail(id)).timeline).find((e) => e.details.call?.outcome === 'busy'),
      30_000,
      'the busy first attempt on the timeline',
    );
    expect(busy.details.call?.attempt).toBe(1);
    expect(busy.note).toMatch(/^busy on attempt 1 of 3: calling again at \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect((await detail(id)).state).toBe('received');
    expect(pstn.calls().map((c) => [c.number, c.behaviour])).toEqual([[GRID_WORKER.slice(1), 'busy']]);

    // The worker is off the other line: the same number now answers and presses 1.
    await pstn.stop();
    pstn = await carrier({ kind: 'press', digits: '1' });

    await waitFor(async () => (await detail(id)).state === 'accepted', 30_000, 'the grid worker’s key 1');
    expect(pstn.calls().map((c) => [c.number, c.behaviour])).toEqual([[GRID_WORKER.slice(1), 'press:1']]);
    const { timeline } = await detail(id);
    // Two attempts: the first dialled and busy, the second dialled (its end may still be on its way).
    const attempts = reminderCalls(timeline).map(
      (e) => `${e.details.call?.outcome} #${e.details.call?.attempt}`,
    );
    expect(attempts).toEqual(expect.arrayContaining(['dialling #1', 'busy #1', 'dialling #2']));
    expect(attempts.filter((a) => a.startsWith('dialling'))).toHaveLength(2);
    const accepted = timeline.find((e) => e.type === 'transition');
    expect(accepted).toMatchObject({ channel: 'phone-key', details: { call: { outcome: 'key 1' } } });
  });
});
