import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { sampleTrunkChannels } from '../campaigns/support/asterisk-channels';
import { seedVillage, type HouseholdSpec } from '../campaigns/support/village';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(120_000);

const TRUNK_CHANNELS = 30;

/** One kind of household: its phones' behaviours and what the campaign must end with. */
interface Cohort {
  count: number;
  behaviours: string[];
  state: 'FINAL' | 'EXHAUSTED';
  outcome: string;
  /** INVITEs each of the household's numbers must receive. */
  invites: number[];
}

/**
 * The retry policy of quickCampaign: busy 2 retries, no answer 1, failed 1, answered without a key 1,
 * rejected 0; an invalid number (404) is never dialled again. Rounds are described by their most telling
 * outcome (answered_no_digit > rejected > busy > no_answer > failed).
 */
const COHORTS: Cohort[] = [
  { count: 71, behaviours: ['press:1'], state: 'FINAL', outcome: 'confirmed', invites: [1] },
  { count: 15, behaviours: ['press:2'], state: 'FINAL', outcome: 'declined', invites: [1] },
  { count: 20, behaviours: ['busy'], state: 'EXHAUSTED', outcome: 'busy', invites: [3] },
  { count: 15, behaviours: ['no-answer'], state: 'EXHAUSTED', outcome: 'no_answer', invites: [2] },
  { count: 10, behaviours: ['decline'], state: 'EXHAUSTED', outcome: 'rejected', invites: [1] },
  { count: 14, behaviours: ['silent'], state: 'EXHAUSTED', outcome: 'answered_no_digit', invites: [2] },
  { count: 10, behaviours: ['reject:404'], state: 'EXHAUSTED', outcome: 'failed', invites: [1] },
  // A carrier that answers 503 is congested: its first three refusals are not the household's
  // (UNCHARGED_INFRASTRUCTURE_FAILURES), then the failed rule's 1 + 1 calls.
  { count: 2, behaviours: ['reject:503'], state: 'EXHAUSTED', outcome: 'failed', invites: [5] },
  // Several numbers: the next number right after a failure, rounds over all of them.
  { count: 15, behaviours: ['busy', 'press:1'], state: 'FINAL', outcome: 'confirmed', invites: [1, 1] },
  { count: 10, behaviours: ['no-answer', 'press:2'], state: 'FINAL', outcome: 'declined', invites: [1, 1] },
  { count: 10, behaviours: ['reject:404', 'busy'], state: 'EXHAUSTED', outcome: 'busy', invites: [1, 3] },
  {
    count: 5,
    behaviours: ['silent', 'no-answer'],
    state: 'EXHAUSTED',
    outcome: 'no_answer',
    invites: [2, 2],
  },
];

describe('a 200-household campaign through the real Asterisk and the simulated village', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  /** Households that are never called: `own` numbers are theirs alone and must receive no INVITE. */
  const households: (HouseholdSpec & { cohort: Cohort | { skipped: string; own: string[] } })[] = [];
  let blockedHere = '';
  const afterAllStops: (() => Promise<unknown>)[] = [];
  let serial = 0;
  const nextNumber = () => `8613910${String(serial++).padStart(6, '0')}`;
  const plan: { number: string; behaviour: string }[] = [];

  beforeAll(async () => {
    for (const cohort of COHORTS) {
      for (let i = 0; i < cohort.count; i++) {
        const numbers = cohort.behaviours.map((behaviour) => {
          const number = nextNumber();
          plan.push({ number, behaviour });
          return `+${number}`;
        });
        households.push({ numbers, cohort });
      }
    }
    // Never dialled: one number on the DoNotCall table, one on the campaign's own list, one shared.
    const blocked = `+${nextNumber()}`;
    blockedHere = `+${nextNumber()}`;
    const shared = households[0]?.numbers[0] as string;
    for (const number of [blocked, blockedHere]) plan.push({ number: number.slice(1), behaviour: 'press:1' });
    households.push({ numbers: [blocked], cohort: { skipped: 'do_not_call', own: [blocked] } });
    households.push({ numbers: [blockedHere], cohort: { skipped: 'do_not_call', own: [blockedHere] } });
    households.push({
      numbers: [shared],
      cohort: { skipped: 'numbers_called_for_other_household', own: [] },
    });
    expect(households).toHaveLength(200);

    pstn = await startPstnSimulator({
      numberPlan: plan.map((p) => ({ number: p.number, behaviour: phoneBehaviour(p.behaviour) })),
      port: 5080,
      timeScale: 0.1,
    });
    t = await startTestPlatform([campaignsCapability], {
      TRUNKS: `sim-a@local:${TRUNK_CHANNELS}:50`,
      // Congestion backs the trunk off; kept short so the households that always get 503 finish soon.
      TRUNK_BACKOFF_FIRST_MS: '200',
      TRUNK_BACKOFF_MAX_MS: '800',
    });
    await t.database.db.doNotCall.create({ data: { e164: blocked, reason: '本人要求', createdBy: 'test' } });
  });

  afterAll(async () => {
    for (const stop of afterAllStops) await stop();
    await t?.stop();
    await pstn?.stop();
  });

  it('ends with the expected outcome for every household and exactly the retries the policy asks for', async () => {
    const village = await seedVillage(t.database.db, 'outcomes', households);
    const sampler = await sampleTrunkChannels('sim-a');
    const stopSampling = sampler.stop;
    afterAllStops.push(stopSampling);
    const started = Date.now();
    const created = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      headers: authHeader,
      payload: quickCampaign({
        audience: { villages: [village.villageCode] },
        doNotCall: [blockedHere],
      }),
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{
      campaign: { id: string };
      audience: { targets: number; skipped: { reason: string }[] };
      plan: { predictedAttempts: number };
    }>();
    expect(body.audience.targets).toBe(197);
    expect(body.audience.skipped.map((s) => s.reason).sort()).toEqual(
      households.flatMap((h) => ('skipped' in h.cohort ? [h.cohort.skipped] : [])).sort(),
    );
    const id = body.campaign.id;

    await waitFor(
      async () => (await t.database.db.campaign.findUnique({ where: { id } }))?.status === 'COMPLETED',
      100_000,
      'the campaign to complete',
    );
    const tookMs = Date.now() - started;
    const channels = await sampler.stop();

    const invites = new Map<string, number>();
    for (const call of pstn.calls()) invites.set(call.number, (invites.get(call.number) ?? 0) + 1);
    const targets = await t.database.db.campaignTarget.findMany({
      where: { campaignId: id },
      include: { attempts: true },
    });
    const byHousehold = new Map(targets.map((target) => [target.householdId, target]));

    const wrong: string[] = [];
    households.forEach((household, i) => {
      const target = byHousehold.get(village.householdIds[i] ?? '');
      if ('skipped' in household.cohort) {
        if (target) wrong.push(`household ${i} should have been skipped (${household.cohort.skipped})`);
        for (const n of household.cohort.own) if (invites.has(n.slice(1))) wrong.push(`${n} was dialled`);
        return;
      }
      const { cohort } = household;
      if (target?.state !== cohort.state || target.outcome !== cohort.outcome) {
        wrong.push(
          `household ${i} (${cohort.behaviours.join(',')}): ${target?.state} ${target?.outcome}, expected ${cohort.state} ${cohort.outcome}`,
        );
      }
      household.numbers.forEach((number, j) => {
        const got = invites.get(number.slice(1)) ?? 0;
        const attempts = target?.attempts.filter((a) => a.number === number).length;
        if (got !== cohort.invites[j] || attempts !== got) {
          wrong.push(
            `${number} (${cohort.behaviours[j]}): ${got} INVITEs, ${attempts} attempts, expected ${cohort.invites[j]}`,
          );
        }
      });
    });
    expect(wrong).toEqual([]);
    expect(channels.max).toBeLessThanOrEqual(TRUNK_CHANNELS);

    const campaign = await t.database.db.campaign.findUniqueOrThrow({ where: { id } });
    expect(campaign.actual).toMatchObject({ attempts: pstn.calls().length });
    const totalInvites = pstn.calls().length;
    process.stdout.write(
      `campaign-outcomes: 197 households, ${totalInvites} calls in ${(tookMs / 1000).toFixed(1)} s; ` +
        `sim-a channels max ${channels.max}/${TRUNK_CHANNELS}, mean while busy ${channels.mean.toFixed(1)} ` +
        `(${((channels.mean / TRUNK_CHANNELS) * 100).toFixed(0)}%); planned attempts ${body.plan.predictedAttempts}\n`,
    );
  });
});
