import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { TrunkQueues } from '../../src/campaigns/dialer/trunk-queues';
import { SHANGHAI_OFFSET_MS } from '../../src/time/shanghai-clock';
import { phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { seedVillage } from '../campaigns/support/village';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(90_000);

const MACHINES = ['8613950000001', '8613950000002'];
const PERSON = '8613950000003';

describe('quiet hours and answering machines', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      numberPlan: [
        ...MACHINES.map((number) => ({ number, behaviour: phoneBehaviour('machine') })),
        { number: PERSON, behaviour: phoneBehaviour('press:1') },
      ],
      port: 5080,
      timeScale: 0.3,
    });
    t = await startTestPlatform([campaignsCapability], { TRUNKS: 'sim-a@local:5:20' });
  });

  afterAll(async () => {
    await t?.stop();
    await pstn?.stop();
  });

  async function run(label: string, numbers: string[], extra: Record<string, unknown>): Promise<string> {
    const village = await seedVillage(
      t.database.db,
      label,
      numbers.map((n) => ({ numbers: [`+${n}`] })),
    );
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeader,
      payload: quickCampaign({ audience: { villages: [village.villageCode] }, ...extra }),
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ campaign: { id: string } }>().campaign.id;
  }

  const attemptsOf = async (id: string) =>
    (
      await t.database.db.campaignTarget.findMany({ where: { campaignId: id }, include: { attempts: true } })
    )[0];

  it('calls nobody outside the calling window and says when calling will resume', async () => {
    // Today and tomorrow in Shanghai: a run that crosses midnight there must still find no open window.
    const day = (offsetMs: number) =>
      new Date(Date.now() + SHANGHAI_OFFSET_MS + offsetMs).toISOString().slice(0, 10);
    const [today, tomorrow] = [day(0), day(24 * 3600_000)];
    const id = await run('quiet', [PERSON], {
      window: { start: '00:00', end: '24:00', excludedDates: [today, tomorrow] },
    });
    const progress = await t.api.inject({
      method: 'GET',
      url: `/api/v1/campaigns/${id}/progress`,
      headers: authHeader,
    });
    // The window opens again the day after the two excluded ones.
    const reopens = Date.parse(`${today}T00:00:00+08:00`) + 2 * 24 * 3600_000;
    expect(progress.json()).toMatchObject({
      status: 'RUNNING',
      withinWindow: false,
      nextWindowOpening: new Date(reopens).toISOString(),
      byState: { pending: 1 },
    });
    const target = await attemptsOf(id);
    const queues = new TrunkQueues(t.platform.queueRedis, t.platform.env.QUEUE_PREFIX, t.platform.env.TRUNKS);
    const job = await queues.queue('sim-a').getJob(`${target?.id}-1`);
    // The household's call waits, delayed in the queue, for the window to open: nothing to do by hand.
    await waitFor(
      async () => (await job?.getState()) === 'delayed',
      10_000,
      'the call delayed to the window',
    );
    expect(pstn.calls().filter((c) => c.number === PERSON)).toEqual([]);
    expect(Math.abs((job?.timestamp ?? 0) + (job?.delay ?? 0) - reopens)).toBeLessThan(5000);
    await queues.close();
    await t.api.inject({ method: 'POST', url: `/api/v1/campaigns/${id}/cancel`, headers: authHeader });
  });

  it('leaves the message after a machine’s beep, which settles the household', async () => {
    const id = await run('machine-leave', [MACHINES[0] as string], { answeringMachine: 'leave-message' });
    await waitFor(
      async () => (await t.database.db.campaign.findUnique({ where: { id } }))?.status === 'COMPLETED',
      60_000,
      'done',
    );
    const target = await attemptsOf(id);
    expect(target).toMatchObject({ state: 'FINAL', outcome: 'machine' });
    expect(target?.attempts.map((a) => [a.outcome, a.amd])).toEqual([['machine', 'MACHINE:LEFT']]);
  });

  it('hangs up on a machine and calls again later when asked to', async () => {
    const id = await run('machine-retry', [MACHINES[1] as string], { answeringMachine: 'retry-later' });
    await waitFor(
      async () => (await t.database.db.campaign.findUnique({ where: { id } }))?.status === 'COMPLETED',
      60_000,
      'done',
    );
    const target = await attemptsOf(id);
    expect(target).toMatchObject({ state: 'EXHAUSTED', outcome: 'machine' });
    expect(target?.attempts.map((a) => [a.outcome, a.amd])).toEqual([
      ['machine', 'MACHINE'],
      ['machine', 'MACHINE'],
    ]);
    expect(pstn.calls().filter((c) => c.number === MACHINES[1])).toHaveLength(2);
  });
});
