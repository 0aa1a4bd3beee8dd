import { randomBytes } from 'node:crypto';
import { numberedSpeakers, SpeakerFleet } from '../../simulators/speakers/speaker-fleet';
import { waitFor } from '../support/stack';
import { BroadcastsOnStack } from './support/broadcasts-on-stack';

interface SpeakerBody {
  id: string;
  online: boolean;
}
interface Delivery {
  speakerName: string;
  state: string;
  reason: string | null;
  startedAt: string | null;
  secondsPlayed: number | null;
}
interface BroadcastBody {
  id: string;
  status: string;
  deliveries: Delivery[];
}

/** Broadcasts to MQTT speakers through the real Mosquitto, PostgreSQL and Redis. */
describe('broadcasts to MQTT speakers', () => {
  jest.setTimeout(30_000);
  let stack: BroadcastsOnStack;
  let fleet: SpeakerFleet | undefined;
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    stack = await BroadcastsOnStack.start('bcmqtt');
  });
  afterEach(async () => {
    await fleet?.close();
    fleet = undefined;
  });
  afterAll(async () => stack.stop());

  async function register(village: string, deviceIds: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const endpoint of deviceIds) {
      const res = await stack.request<SpeakerBody>('POST', '/api/v1/speakers', {
        name: endpoint,
        area: village,
        kind: 'mqtt',
        endpoint,
        volume: 70,
      });
      expect([res.status, res.body]).toEqual([201, expect.anything()]);
      ids.push(res.body.id);
    }
    return ids;
  }

  async function report(
    id: string,
    settled: (b: BroadcastBody) => boolean,
    what: string,
  ): Promise<BroadcastBody> {
    return waitFor(
      async () => {
        const { body } = await stack.request<BroadcastBody>('GET', `/api/v1/broadcasts/${id}`);
        return settled(body) ? body : undefined;
      },
      20_000,
      what,
    );
  }

  it('plays on every online speaker, retries the offline one and reports it failed when the broadcast expires', async () => {
    const code = `v-${tag}-a`;
    await stack.village(code);
    const speakers = numberedSpeakers(`spk-${tag}-a`, 3);
    const offline = { deviceId: `spk-${tag}-a-off`, behaviour: { kind: 'offline' as const } };
    // Installed and powered on before the cadre registers them: their presence is remembered.
    fleet = await SpeakerFleet.start({ speakers: [...speakers, offline], timeScale: 0.05 });
    await register(code, [...speakers.map((s) => s.deviceId), offline.deviceId]);
    await waitFor(
      async () => {
        const { body } = await stack.request<SpeakerBody[]>('GET', `/api/v1/speakers?village=${code}`);
        return body.filter((s) => s.online).length === 3 || undefined;
      },
      10_000,
      'three speakers online',
    );

    const created = await stack.request<BroadcastBody>('POST', '/api/v1/broadcasts', {
      content: { text: '今天下午三点在村委会开会' },
      priority: 'important',
      targets: { villages: [code] },
      validMinutes: 0.05,
    });
    expect(created.status).toBe(201);
    await fleet.waitForAll(
      created.body.id,
      'finished',
      speakers.map((s) => s.deviceId),
    );

    const done = await report(created.body.id, (b) => b.status === 'done', 'the broadcast done');
    const played = done.deliveries.filter((d) => d.state === 'finished');
    expect(played).toHaveLength(3);
    for (const d of played) {
      expect(d.startedAt).not.toBeNull();
      expect(d.secondsPlayed).toBeGreaterThan(5);
    }
    const failed = done.deliveries.find((d) => d.speakerName === offline.deviceId);
    expect(failed).toMatchObject({ state: 'failed', reason: 'expired: offline' });
    expect(done.status).toBe('done');
  }, 30_000);

  it('an emergency stops a normal broadcast on the speakers they share; the normal one reports preempted', async () => {
    const code = `v-${tag}-b`;
    await stack.village(code);
    const speakers = numberedSpeakers(`spk-${tag}-b`, 2);
    // Real time: the normal notice plays six seconds, long enough for the emergency to arrive mid-way.
    const [first, second] = await register(
      code,
      speakers.map((s) => s.deviceId),
    );
    fleet = await SpeakerFleet.start({ speakers, timeScale: 1 });
    await waitFor(
      async () =>
        (await stack.db.speaker.count({ where: { online: true, id: { in: [first!, second!] } } })) === 2 ||
        undefined,
      10_000,
      'speakers online',
    );
    const normal = await stack.request<BroadcastBody>('POST', '/api/v1/broadcasts', {
      content: { text: '村里下周一停水' },
      priority: 'normal',
      targets: { villages: [code] },
      schedule: undefined,
    });
    expect(normal.status).toBe(201);
    await fleet.waitForAll(
      normal.body.id,
      'started',
      speakers.map((s) => s.deviceId),
    );

    const emergency = await stack.request<BroadcastBody>('POST', '/api/v1/broadcasts', {
      content: { text: '山洪预警，请立即转移到高处' },
      priority: 'emergency',
      targets: { speakers: [first] },
    });
    expect(emergency.status).toBe(201);
    await fleet.waitForAll(emergency.body.id, 'started', [speakers[0]!.deviceId]);

    // The last speaker's word ends the broadcast: the list shows it done, not playing.
    const normalReport = await report(
      normal.body.id,
      (b) => b.status === 'done',
      'the normal broadcast done',
    );
    expect(normalReport.deliveries.map((d) => d.state).sort()).toEqual(['finished', 'preempted']);
    const byName = Object.fromEntries(normalReport.deliveries.map((d) => [d.speakerName, d]));
    expect(byName[speakers[0]!.deviceId]).toMatchObject({ state: 'preempted' });
    expect(byName[speakers[0]!.deviceId]?.reason).toMatch(/^preempted by 山洪预警/);
    // The speaker it did not share played to the end, and the preempted one was never resumed.
    expect(byName[speakers[1]!.deviceId]).toMatchObject({ state: 'finished' });
    expect(
      fleet.reportsOf({ broadcastId: normal.body.id, deviceId: speakers[0]!.deviceId, state: 'finished' }),
    ).toEqual([]);
  }, 30_000);

  it('two emergencies on one speaker play one after the other, never mixed', async () => {
    const code = `v-${tag}-c`;
    await stack.village(code);
    const speakers = numberedSpeakers(`spk-${tag}-c`, 1);
    const [only] = await register(
      code,
      speakers.map((s) => s.deviceId),
    );
    fleet = await SpeakerFleet.start({ speakers, timeScale: 0.3 });
    await waitFor(
      async () => (await stack.db.speaker.count({ where: { id: only, online: true } })) === 1 || undefined,
      10_000,
      'online',
    );
    const send = (text: string) =>
      stack.request<BroadcastBody>('POST', '/api/v1/broadcasts', {
        content: { text },
        priority: 'emergency',
        targets: { speakers: [only] },
      });
    const a = await send('第一条紧急通知');
    const b = await send('第二条紧急通知');
    const deviceId = speakers[0]!.deviceId;
    await fleet.waitForAll(b.body.id, 'finished', [deviceId], 20_000);
    const aFinished = fleet.reportsOf({ broadcastId: a.body.id, state: 'finished' })[0];
    const bStarted = fleet.reportsOf({ broadcastId: b.body.id, state: 'started' })[0];
    expect(aFinished).toBeDefined();
    expect(bStarted!.at.getTime()).toBeGreaterThanOrEqual(aFinished!.at.getTime());
    expect(fleet.reportsOf({ deviceId, state: 'stopped' })).toEqual([]);
  }, 30_000);

  it('refuses bad input with field errors and writes nothing', async () => {
    const code = `v-${tag}-d`;
    await stack.village(code);
    const before = await stack.db.broadcast.count();
    const res = await stack.request<{ error: string; fields: { field: string }[] }>(
      'POST',
      '/api/v1/broadcasts',
      {
        content: { text: '' },
        targets: { villages: ['no-such-village'], speakers: ['x', 'x'] },
        schedule: { cron: '0 8 * *', endAt: '2027-06-01T00:00:00+08:00' },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f) => f.field)).toEqual([
      'content.text',
      'targets.villages[0]',
      'targets.speakers[0]',
      'targets.speakers[1]',
      'schedule.cron',
    ]);
    const past = await stack.request<{ fields: { field: string }[] }>('POST', '/api/v1/broadcasts', {
      content: { text: '通知' },
      priority: 'important',
      targets: { villages: [code] },
      schedule: { at: '2020-01-01T08:00:00+08:00' },
    });
    expect(past.body.fields).toEqual([{ field: 'schedule.at', reason: 'is in the past' }]);
    expect(await stack.db.broadcast.count()).toBe(before);
  });
});
