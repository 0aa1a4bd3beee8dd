import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { createCasesCapability } from '../../src/cases/cases-capability';
import { slaPolicyJson } from '../../src/cases/sla/case-sla-rules';
import { callApi, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

/** Phones on the simulated carrier behind trunk sim-d (port 5110). */
const GRID_WORKER = '+8613900000301';
const RESIDENT = '+8613900000302';

/**
 * Through the real Asterisk: an urgent case's accept deadline (2.4 s here) nears, the escalation call
 * rings the grid worker's SIPp phone and their key 1 accepts the case; after closing, the resident's
 * satisfaction callback gets a 3 and the case is reopened to the supervisor.
 */
describe('case escalation and satisfaction calls', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  const cases = createCasesCapability();

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      port: 5110,
      numberPlan: [
        { number: GRID_WORKER.slice(1), behaviour: { kind: 'press', digits: '1' } },
        { number: RESIDENT.slice(1), behaviour: { kind: 'press', digits: '3' } },
      ],
      timeScale: 0.3,
    });
    t = await startTestPlatform([cases], {
      TRUNKS: 'pstn@local:30:10,sim-d@local:30:10',
      CASE_CALL_TRUNK: 'sim-d',
      CASE_SATISFACTION_DELAY_MS: '0',
      CASE_QUIET_HOURS: '00:00-00:00',
    });
    const db = t.platform.database.db;
    const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: 'ce-town' } });
    const village = await db.area.create({
      data: { level: 'VILLAGE', name: '东村', code: 'ce-east', parentId: town.id },
    });
    await db.area.create({ data: { level: 'GRID', name: '一组', code: 'ce-east-1', parentId: village.id } });
    await db.person.create({
      data: {
        name: '王网格',
        roles: ['GRID_WORKER'],
        areaId: (await db.area.findUniqueOrThrow({ where: { code: 'ce-east-1' } })).id,
        phones: { create: { e164: GRID_WORKER } },
      },
    });
    await db.person.create({ data: { name: '李书记', roles: ['CADRE'], areaId: village.id } });
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
    (
      await callApi<{
        state: string;
        timeline: { type: string; channel: string; details: Record<string, unknown> }[];
      }>(t, 'GET', `/api/v1/cases/${id}`)
    ).body;

  it('the grid worker presses 1 on the near-breach call; the resident’s 3 reopens the closed case', async () => {
    const grid = await t.platform.database.db.area.findUniqueOrThrow({ where: { code: 'ce-east-1' } });
    const opened = await callApi<{ id: string }>(t, 'POST', '/api/v1/cases', {
      category: 'complaint',
      urgent: true,
      description: '井盖丢失',
      areaId: grid.id,
      callerNumber: RESIDENT,
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    await waitFor(async () => (await detail(id)).state === 'accepted', 30_000, 'the grid worker’s key 1');
    const accepted = (await detail(id)).timeline.find((e) => e.type === 'transition');
    expect(accepted?.channel).toBe('phone-key');

    for (const to of ['dispatched', 'on_site', 'resolved', 'closed']) {
      const res = await callApi(t, 'POST', `/api/v1/cases/${id}/transitions`, { to });
      expect(res.status).toBe(200);
    }
    await waitFor(async () => (await detail(id)).state === 'reopened', 30_000, 'the resident’s key 3');
    const satisfaction = (await detail(id)).timeline.find((e) => e.type === 'satisfaction');
    expect(satisfaction?.details).toMatchObject({ satisfaction: 'not' });
  });
});
