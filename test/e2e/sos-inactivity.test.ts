import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { callsCapability } from '../../src/calls/calls-capability';
import { shanghaiDayStartMs } from '../../src/time/shanghai-clock';
import { createSosCapability } from '../../src/sos/sos-capability';
import { seedSosVillage, VILLAGE_CENTRE } from '../sos/support/sos-village';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

const STILL = {
  family1: '+8613900000301',
  family2: '+8613900000302',
  grid: '+8613900000303',
  cadre: '+8613900000304',
};
const MOVED = {
  family1: '+8613900000311',
  family2: '+8613900000312',
  grid: '+8613900000313',
  cadre: '+8613900000314',
};
const digits = (e164: string) => e164.slice(1);
const MINUTE = 60_000;

/** 14:00 in the village today: daytime, whenever the test runs. */
const NOW = shanghaiDayStartMs(Date.now()) + 14 * 60 * MINUTE;

describe('an elder who stops moving during the day gets a visit', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  const sos = createSosCapability({
    trunk: 'sim-d',
    gatewayPort: 0,
    now: () => NOW,
    inactivityEveryMs: 1000,
    inactivityFirstCheckMs: 2000,
    inactivityRecheckMs: 1000,
  });

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      port: 5110,
      numberPlan: [{ number: digits(STILL.family1), behaviour: { kind: 'press', digits: '1' } }],
      defaultBehaviour: { kind: 'press', digits: '1' },
      timeScale: 0.3,
    });
    t = await startTestPlatform([callsCapability, sos], { TRUNKS: 'pstn@local:30:10,sim-d@local:30:10' });
  });

  afterAll(async () => {
    await t?.stop();
    await pstn?.stop();
  });

  /** An elder whose card was heard 5 minutes ago and reported the given positions (minutes before NOW). */
  async function elder(
    tag: string,
    phones: typeof STILL,
    imei: string,
    track: { minutesAgo: number; northM: number }[],
  ) {
    const db = t.database.db;
    const village = await seedSosVillage(
      db,
      [phones.family1, phones.family2, phones.grid, phones.cadre],
      tag,
    );
    // Areas written straight to the database, not through the API that would tell its cache.
    t.api.areaTree.invalidate();
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/elders',
      headers: authHeader,
      payload: {
        personId: village.elderPersonId,
        settings: {
          inactivity: { periodMinutes: 60, daytime: { from: '08:00', to: '20:00' }, cooldownMinutes: 240 },
        },
        contacts: [
          { personId: village.family[0]?.personId, role: 'family' },
          { personId: village.gridWorker.personId, role: 'grid_worker' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    const elderId = res.json<{ id: string }>().id;
    const card = await db.card.create({
      data: {
        elderId,
        imei,
        simNumber: `+86138000003${imei.slice(-2)}`,
        lastSeenAt: new Date(NOW - 5 * MINUTE),
      },
    });
    for (const point of track) {
      await db.locationFix.create({
        data: {
          cardId: card.id,
          at: new Date(NOW - point.minutesAgo * MINUTE),
          gpsValid: true,
          latitude: VILLAGE_CENTRE.lat + point.northM / 111_000,
          longitude: VILLAGE_CENTRE.lon,
          status: { satellites: 8 },
        },
      });
    }
    return { elderId, village };
  }

  it('calls family once (cool-down) when the card has stayed put for the period, and nobody for an elder who moved', async () => {
    const still = await elder('still', STILL, '863737078055501', [
      { minutesAgo: 90, northM: 0 },
      { minutesAgo: 30, northM: 20 },
    ]);
    const moved = await elder('moved', MOVED, '863737078055502', [
      { minutesAgo: 90, northM: 0 },
      { minutesAgo: 20, northM: 600 },
    ]);

    const audit = (action: string, elderId: string) =>
      t.database.db.auditLog.findMany({ where: { action, subject: `elder:${elderId}` } });
    await waitFor(
      async () => (await audit('sos.inactivity_accepted', still.elderId)).length === 1,
      30_000,
      'someone to accept',
    );

    const [alert] = await audit('sos.inactivity_alert', still.elderId);
    const details = alert?.details as { kind: string; message: string };
    expect(details.kind).toBe('no_movement');
    expect(details.message).toMatch(
      /^请上门查看：张秀兰老人自下午一点整起一直没有走动，最后位置在东巷12号附近，30分钟前定位。按1表示您将前往/,
    );

    // Several more sweeps run within the cool-down: still one alert and one call.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await audit('sos.inactivity_alert', still.elderId)).toHaveLength(1);
    expect(await audit('sos.inactivity_alert', moved.elderId)).toHaveLength(0);
    expect(pstn.calls().map((c) => c.number)).toEqual([digits(STILL.family1)]);
  });
});
