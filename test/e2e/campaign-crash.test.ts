import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { seedVillage } from '../campaigns/support/village';
import { startWorkerProcess, type WorkerProcess } from '../campaigns/support/worker-process';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(120_000);

const TRUNKS = 'sim-a@local:8:20';
const ANSWERING = 32;
const BUSY = 8;
/** A supervisor restarting the worker at once: calls up at the kill are still ringing or talking. */
const RESTART_AFTER_MS = 500;

describe('a campaign worker killed in the middle of a campaign', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  const workers: WorkerProcess[] = [];
  const answering = Array.from({ length: ANSWERING }, (_, i) => `8613930${String(i).padStart(6, '0')}`);
  const busy = Array.from({ length: BUSY }, (_, i) => `8613931${String(i).padStart(6, '0')}`);

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      numberPlan: [
        ...answering.map((number) => ({ number, behaviour: phoneBehaviour('press:1') })),
        ...busy.map((number) => ({ number, behaviour: phoneBehaviour('busy') })),
      ],
      port: 5080,
      timeScale: 0.5,
    });
    // This process serves the API only; the dialing happens in the worker processes.
    t = await startTestPlatform([{ name: 'campaigns-api', routes: campaignsCapability.routes }], { TRUNKS });
  });

  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await t?.stop();
    await pstn?.stop();
  });

  const startWorker = async () => {
    const env = t.platform.env;
    const worker = await startWorkerProcess({
      DATABASE_URL: t.database.url,
      QUEUE_PREFIX: env.QUEUE_PREFIX,
      TRUNKS,
      MEDIA_DIR: env.MEDIA_DIR,
      LOG_LEVEL: 'warn',
    });
    workers.push(worker);
    return worker;
  };

  it('calls no household with a final outcome again and leaves none unprocessed', async () => {
    const db = t.database.db;
    const village = await seedVillage(
      db,
      'crash',
      [...answering, ...busy].map((n) => ({ numbers: [`+${n}`] })),
    );
    const first = await startWorker();
    const created = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeader,
      payload: quickCampaign({ audience: { villages: [village.villageCode] } }),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ campaign: { id: string } }>().campaign.id;

    const total = ANSWERING + BUSY;
    await waitFor(
      async () => {
        const [settled, dialing] = await Promise.all([
          db.campaignTarget.count({ where: { campaignId: id, state: { in: ['FINAL', 'EXHAUSTED'] } } }),
          db.campaignTarget.count({ where: { campaignId: id, state: 'DIALING' } }),
        ]);
        return settled >= total * 0.3 && dialing >= 3;
      },
      40_000,
      'the campaign to be well under way with calls up',
    );
    await first.kill();
    const killedAt = new Date();
    const finalAtKill = await db.campaignTarget.findMany({
      where: { campaignId: id, state: 'FINAL' },
      include: { attempts: true },
    });
    const dialingAtKill = await db.campaignTarget.count({ where: { campaignId: id, state: 'DIALING' } });
    expect(finalAtKill.length).toBeLessThan(total);

    await new Promise((resolve) => setTimeout(resolve, RESTART_AFTER_MS));
    await startWorker();
    await waitFor(
      async () => (await db.campaign.findUnique({ where: { id } }))?.status === 'COMPLETED',
      90_000,
      'the campaign to complete after the restart',
    );

    const calls = pstn.calls();
    const invites = (number: string) => calls.filter((c) => c.number === number.replace(/^\+/, ''));
    // Households settled before the kill were never rung again.
    for (const target of finalAtKill) {
      for (const number of target.numbers) {
        expect(invites(number).filter((c) => c.receivedAt > killedAt)).toEqual([]);
      }
    }
    const targets = await db.campaignTarget.findMany({
      where: { campaignId: id },
      include: { attempts: true },
    });
    expect(targets.filter((target) => target.state !== 'FINAL' && target.state !== 'EXHAUSTED')).toEqual([]);
    for (const target of targets) {
      const number = target.numbers[0] as string;
      // Every call that rang a phone is an attempt on record; attempts never dialled (the worker died
      // before the originate) are recorded as unknown.
      expect(invites(number).length).toBeLessThanOrEqual(target.attempts.length);
      if (answering.includes(number.slice(1))) {
        expect([target.state, target.outcome]).toEqual(['FINAL', 'confirmed']);
        expect(invites(number)).toHaveLength(1);
      } else {
        expect([target.state, target.outcome]).toEqual(['EXHAUSTED', 'busy']);
        expect(invites(number).length).toBeGreaterThanOrEqual(3);
      }
    }
    const recovered = targets
      .flatMap((target) => target.attempts)
      .filter((a) => a.outcome === 'unknown').length;
    process.stdout.write(
      `campaign-crash: killed with ${finalAtKill.length}/${total} households final and ${dialingAtKill} calls up; ` +
        `restarted after ${RESTART_AFTER_MS / 1000} s; completed ${((Date.now() - killedAt.getTime()) / 1000).toFixed(1)} s after the kill; ` +
        `${recovered} attempt(s) recorded unknown, ${calls.length} calls in all\n`,
    );
  });
});
