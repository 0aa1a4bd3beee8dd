import { SipSpeaker } from '../../simulators/speakers/sip-speaker';
import { broadcastsCapability } from '../../src/broadcasts/broadcasts-capability';
import { authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(90_000);

/** sim-horn-4: the simulated horn Asterisk qualifies with OPTIONS every 2 s (pjsip_sim_speakers.conf). */
const HORN = { endpoint: 'sim-horn-4', port: 5304 };
/** A qualification every 2 s, its timeout 1 s: a stopped horn is unavailable well within this. */
const QUALIFY_WINDOW_MS = 10_000;

interface SpeakerState {
  endpoint: string;
  online: boolean;
  lastSeenAt: string | null;
}

interface Delivery {
  state: string;
  reason: string | null;
}

/**
 * A SIP horn's health through the real Asterisk's OPTIONS qualification: online while its SIPp answers,
 * offline soon after it stops, a broadcast to it waits as `offline` and plays once it is back.
 */
describe('SIP horn health through Asterisk’s qualification', () => {
  let t: TestPlatform;
  let horn: SipSpeaker | undefined;
  let speakerId: string;

  const speaker = async (): Promise<SpeakerState> => {
    const res = await t.api.inject({
      method: 'GET',
      url: `/api/v1/speakers/${speakerId}`,
      headers: authHeader,
    });
    return res.json<SpeakerState>();
  };
  const gauge = async (state: 'online' | 'offline'): Promise<number> => {
    const text = (await t.api.inject({ method: 'GET', url: '/metrics' })).body;
    const line = new RegExp(`^linli_speakers\\{kind="sip",state="${state}"\\} (\\d+)$`, 'm').exec(text);
    return Number(line?.[1] ?? 0);
  };

  beforeAll(async () => {
    horn = await SipSpeaker.start(HORN.port);
    t = await startTestPlatform([broadcastsCapability], {
      BROADCAST_AUDIO_PORT: '0',
      BROADCAST_RETRY_MS: '500',
    });
    const town = await t.database.db.area.create({
      data: { level: 'TOWN', name: '城关镇', code: 'e2e-health-t' },
    });
    await t.database.db.area.create({
      data: { level: 'VILLAGE', name: '西村', code: 'e2e-health-v', parentId: town.id },
    });
  });

  afterAll(async () => {
    await t?.stop();
    await horn?.stop();
  });

  it('shows the horn online while it answers the qualification, with when it was seen', async () => {
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/speakers',
      headers: authHeader,
      payload: { name: '西村祠堂', area: 'e2e-health-v', kind: 'sip', endpoint: HORN.endpoint },
    });
    expect(res.statusCode).toBe(201);
    speakerId = res.json<{ id: string }>().id;
    // The first qualification may still be under way when the speaker is registered.
    const online = await waitFor(
      async () => {
        const s = await speaker();
        return s.online && s.lastSeenAt !== null ? s : undefined;
      },
      QUALIFY_WINDOW_MS,
      'the horn online',
    );
    expect(Date.now() - Date.parse(online.lastSeenAt ?? '')).toBeLessThan(QUALIFY_WINDOW_MS);
    expect(await gauge('online')).toBe(1);
    expect(await gauge('offline')).toBe(0);
  });

  it('shows it offline within the qualification interval once it stops answering', async () => {
    const seen = (await speaker()).lastSeenAt;
    await horn?.stop();
    horn = undefined;
    const offline = await waitFor(
      async () => {
        const s = await speaker();
        return s.online ? undefined : s;
      },
      QUALIFY_WINDOW_MS,
      'the horn offline',
    );
    // When it was last seen stays as it was: the horn has not answered since.
    expect(offline.lastSeenAt).not.toBeNull();
    expect(Date.parse(offline.lastSeenAt ?? '')).toBeGreaterThanOrEqual(Date.parse(seen ?? ''));
    expect(await gauge('offline')).toBe(1);
    expect(await gauge('online')).toBe(0);
  });

  it('holds a broadcast to the offline horn as offline, and plays it when the horn is back', async () => {
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/broadcasts',
      headers: authHeader,
      payload: {
        content: { text: '村民们请注意，今晚有大风。' },
        priority: 'emergency',
        chime: false,
        targets: { speakers: [speakerId] },
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    const delivery = async (): Promise<Delivery | undefined> => {
      const report = await t.api.inject({
        method: 'GET',
        url: `/api/v1/broadcasts/${id}`,
        headers: authHeader,
      });
      return report.json<{ deliveries: Delivery[] }>().deliveries[0];
    };
    const waiting = await waitFor(
      async () => {
        const d = await delivery();
        return d?.reason === 'offline' ? d : undefined;
      },
      15_000,
      'the delivery held as offline',
    );
    expect(waiting.state).toBe('pending');

    horn = await SipSpeaker.start(HORN.port);
    await waitFor(
      async () => (await speaker()).online || undefined,
      QUALIFY_WINDOW_MS,
      'the horn back online',
    );
    await waitFor(
      async () => ((await delivery())?.state === 'finished' ? true : undefined),
      30_000,
      'the broadcast played on the horn',
    );
    expect(horn.rtp.seconds).toBeGreaterThan(1);
  });
});
