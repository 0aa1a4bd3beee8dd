import { SipSpeaker } from '../../simulators/speakers/sip-speaker';
import { broadcastsCapability } from '../../src/broadcasts/broadcasts-capability';
import { broadcastPrompt } from '../../src/broadcasts/content/broadcast-prompt';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(60_000);

const NOTICE = '村民们请注意，明天上午九点在村委会门口接种疫苗，请带好身份证。';

interface Delivery {
  speakerName: string;
  state: string;
  reason: string | null;
  secondsPlayed: number | null;
}

/** A broadcast paged through the real Asterisk to two SIP horns (SIPp), which count the audio they get. */
describe('a broadcast to SIP loudspeakers through Asterisk', () => {
  let t: TestPlatform;
  const horns: SipSpeaker[] = [];

  beforeAll(async () => {
    horns.push(await SipSpeaker.start(5301), await SipSpeaker.start(5302));
    t = await startTestPlatform([broadcastsCapability], {
      BROADCAST_AUDIO_PORT: '0',
      BROADCAST_RETRY_MS: '500',
    });
    const town = await t.database.db.area.create({
      data: { level: 'TOWN', name: '城关镇', code: 'e2e-bc-t' },
    });
    await t.database.db.area.create({
      data: { level: 'VILLAGE', name: '东村', code: 'e2e-bc-v', parentId: town.id },
    });
    for (const endpoint of ['sim-horn-1', 'sim-horn-2']) {
      const res = await t.api.inject({
        method: 'POST',
        url: '/api/v1/speakers',
        headers: authHeader,
        payload: { name: endpoint, area: 'e2e-bc-v', kind: 'sip', endpoint },
      });
      expect(res.statusCode).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.stop();
    for (const horn of horns) await horn.stop();
  });

  it('every horn receives the whole notice as audio, and the report says how long it played', async () => {
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/broadcasts',
      headers: authHeader,
      payload: {
        content: { text: NOTICE },
        priority: 'emergency',
        chime: false,
        targets: { villages: ['e2e-bc-v'] },
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    const expectedSeconds =
      (await t.platform.prompts.durationMs(
        broadcastPrompt({ content: { kind: 'tts', text: NOTICE }, chime: false, repeat: 1, drill: false }),
      )) / 1000;

    const deliveries = await waitFor(
      async () => {
        const report = await t.api.inject({
          method: 'GET',
          url: `/api/v1/broadcasts/${id}`,
          headers: authHeader,
        });
        const body = report.json<{ deliveries: Delivery[] }>().deliveries;
        return body.length === 2 && body.every((d) => d.state === 'finished') ? body : undefined;
      },
      40_000,
      'both horns finished',
    );
    for (const horn of horns) {
      // The audio arrives as RTP of the notice's length (give or take the page's set-up), and is not silence.
      expect(horn.rtp.seconds).toBeGreaterThan(expectedSeconds - 1);
      expect(horn.rtp.seconds).toBeLessThan(expectedSeconds + 2);
      expect(horn.rtp.tally.soundBytes).toBeGreaterThan(horn.rtp.tally.payloadBytes * 0.3);
    }
    for (const d of deliveries) {
      expect(d.secondsPlayed).toBeGreaterThan(expectedSeconds - 1);
      expect(d.secondsPlayed).toBeLessThan(expectedSeconds + 3);
    }
  });
});
