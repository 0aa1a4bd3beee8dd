import { SimulatedCard } from '../../simulators/cards/simulated-card';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { startPlatform } from '../../src/app/platform';
import { createLogger } from '../../src/logging';
import { createSosCapability } from '../../src/sos/sos-capability';
import { seedSosVillage } from '../sos/support/sos-village';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

const PHONES = {
  family1: '+8613900000501',
  family2: '+8613900000502',
  grid: '+8613900000503',
  cadre: '+8613900000504',
};
const digits = (e164: string) => e164.slice(1);
const options = { trunk: 'sim-c', gatewayPort: 0, inactivityEveryMs: 0, callCheckAfterRingMs: 2000 };

describe('a worker dies in the middle of an escalation', () => {
  let pstn: PstnSimulator;
  let survivor: TestPlatform;

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      port: 5100,
      numberPlan: [
        { number: digits(PHONES.family1), behaviour: { kind: 'no-answer' } },
        { number: digits(PHONES.grid), behaviour: { kind: 'press', digits: '1' } },
      ],
      timeScale: 0.3,
    });
    survivor = await startTestPlatform([createSosCapability(options)], {
      TRUNKS: 'pstn@local:30:10,sim-c@local:30:10',
    });
  });

  afterAll(async () => {
    await survivor?.stop();
    await pstn?.stop();
  });

  it('another worker notices the call it left behind and carries on with the next contact', async () => {
    const village = await seedSosVillage(survivor.database.db, [
      PHONES.family1,
      PHONES.family2,
      PHONES.grid,
      PHONES.cadre,
    ]);
    const created = await survivor.api.inject({
      method: 'POST',
      url: '/api/v1/elders',
      headers: authHeader,
      payload: {
        personId: village.elderPersonId,
        settings: { escalation: { rounds: 1, ringTimeoutSeconds: 5 } },
        contacts: [
          { personId: village.family[0]?.personId, role: 'family' },
          { personId: village.gridWorker.personId, role: 'grid_worker' },
        ],
      },
    });
    const elderId = created.json<{ id: string }>().id;
    await survivor.database.db.card.create({
      data: { elderId, imei: '863737078055701', simNumber: '+8613800000701' },
    });

    // The doomed worker runs the gateway the card talks to, so it opens the incident and places the first call.
    const doomedPlatform = await startPlatform(survivor.platform.env, createLogger('silent'));
    const doomedSos = createSosCapability(options);
    const doomed = await doomedSos.start?.(doomedPlatform);
    const port = (await doomedSos.runtime(doomedPlatform)).gateway?.address.port ?? 0;
    const card = new SimulatedCard({ host: '127.0.0.1', port, imei: '863737078055701' });
    await card.connect();
    await card.pressSos();
    const incidents = () => survivor.database.db.sosIncident.findMany({ where: { elderId } });
    await waitFor(
      async () => pstn.calls().some((c) => c.number === digits(PHONES.family1)),
      10_000,
      'the first call',
    );

    await card.close();
    await Promise.all(doomed?.workers.map((w) => w.close()) ?? []);
    await doomed?.stop();
    await doomedPlatform.close();

    const [incident] = await waitFor(
      async () => {
        const found = await incidents();
        const timeline = (found[0]?.timeline ?? []) as { kind: string }[];
        return timeline.some((e) => e.kind === 'location_told') ? found : undefined;
      },
      30_000,
      'the survivor to reach the grid worker',
    );
    const timeline = incident?.timeline as { kind: string; contactId: string | null; detail: string }[];
    expect(timeline).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'call_lost',
          detail: 'nobody saw this call end; treated as timeout',
        }),
        expect.objectContaining({ kind: 'timeout', contactId: village.family[0]?.personId }),
        expect.objectContaining({ kind: 'accepted', contactId: village.gridWorker.personId }),
      ]),
    );
    expect(await incidents()).toHaveLength(1);
  });
});
