import { SipSpeaker } from '../../simulators/speakers/sip-speaker';
import { broadcastsCapability } from '../../src/broadcasts/broadcasts-capability';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(90_000);

const NOTICE = '村民们请注意，明天上午九点在村委会门口接种疫苗，请带好身份证。';
/** How long the slow horn takes to pick up the page. */
const SLOW_ANSWER_MS = 2500;

interface Delivery {
  speakerName: string;
  state: string;
  reason: string | null;
  attempts: number;
  startedAt: string | null;
  secondsPlayed: number | null;
}

/**
 * One page to a zone's three horns through the real Asterisk: one answers at once, one after 2.5 s, one
 * is not there. Each horn's report is its own: started at its own answer, played for as long as it was
 * up; the missing one waits as offline.
 */
describe('a page to a zone, each horn at its own answer', () => {
  let t: TestPlatform;
  const horns: SipSpeaker[] = [];
  let zoneId: string;

  beforeAll(async () => {
    horns.push(await SipSpeaker.start(5301), await SipSpeaker.start(5302, SLOW_ANSWER_MS));
    t = await startTestPlatform([broadcastsCapability], {
      BROADCAST_AUDIO_PORT: '0',
      // One try in this test: the missing horn's report stays as the first page left it.
      BROADCAST_RETRY_MS: '600000',
    });
    const town = await t.database.db.area.create({
      data: { level: 'TOWN', name: '城关镇', code: 'e2e-pa-t' },
    });
    await t.database.db.area.create({
      data: { level: 'VILLAGE', name: '南村', code: 'e2e-pa-v', parentId: town.id },
    });
    const zone = await t.api.inject({
      method: 'POST',
      url: '/api/v1/speakers/zones',
      headers: authHeader,
      payload: { village: 'e2e-pa-v', name: '村口' },
    });
    expect(zone.statusCode).toBe(201);
    zoneId = zone.json<{ id: string }>().id;
    // sim-horn-3's SIPp is not started: Asterisk pages it, nothing answers.
    for (const endpoint of ['sim-horn-1', 'sim-horn-2', 'sim-horn-3']) {
      const res = await t.api.inject({
        method: 'POST',
        url: '/api/v1/speakers',
        headers: authHeader,
        payload: { name: endpoint, area: 'e2e-pa-v', kind: 'sip', endpoint, zoneId },
      });
      expect(res.statusCode).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.stop();
    for (const horn of horns) await horn.stop();
  });

  it('reports each horn started at its own answer, and the one that did not answer offline', async () => {
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/broadcasts',
      headers: authHeader,
      payload: {
        content: { text: NOTICE },
        priority: 'emergency',
        chime: false,
        targets: { zones: [zoneId] },
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;

    const byName = await waitFor(
      async () => {
        const report = await t.api.inject({
          method: 'GET',
          url: `/api/v1/broadcasts/${id}`,
          headers: authHeader,
        });
        const deliveries = report.json<{ deliveries: Delivery[] }>().deliveries;
        const settled = deliveries.filter((d) => d.state === 'finished' || d.reason === 'offline');
        return settled.length === 3
          ? Object.fromEntries(deliveries.map((d) => [d.speakerName, d]))
          : undefined;
      },
      40_000,
      'two horns finished and one offline',
    );
    const [quick, slow, missing] = [byName['sim-horn-1'], byName['sim-horn-2'], byName['sim-horn-3']];
    expect(quick?.state).toBe('finished');
    expect(slow?.state).toBe('finished');
    // The slow horn started when it answered, not when the page did, and played that much less.
    const lateBy = Date.parse(slow?.startedAt ?? '') - Date.parse(quick?.startedAt ?? '');
    expect(lateBy).toBeGreaterThan(SLOW_ANSWER_MS - 500);
    expect(lateBy).toBeLessThan(SLOW_ANSWER_MS + 1500);
    expect((quick?.secondsPlayed ?? 0) - (slow?.secondsPlayed ?? 0)).toBeGreaterThan(
      SLOW_ANSWER_MS / 1000 - 1,
    );
    const [quickHorn, slowHorn] = horns;
    expect((quickHorn?.rtp.seconds ?? 0) - (slowHorn?.rtp.seconds ?? 0)).toBeGreaterThan(
      SLOW_ANSWER_MS / 1000 - 1,
    );
    // The horn that never answered waits for the next try, as offline, never counted as started.
    expect(missing).toMatchObject({ state: 'pending', reason: 'offline', startedAt: null, attempts: 1 });
  });
});
