import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import {
  buildSpeakerCommand,
  parseSpeakerPresence,
  parseSpeakerStatus,
  parseSpeakerTopic,
  speakerTopics,
  SPEAKER_REPORT_SUBSCRIPTIONS,
  type BroadcastPriority,
  type SpeakerPresence,
  type SpeakerStatus,
} from '../../src/broadcasts/mqtt/speaker-protocol';
import { wavSeconds } from '../../simulators/speakers/audio-seconds';
import { parseSpeakerBehaviour } from '../../simulators/speakers/speaker-behaviour';
import { SpeakerFleet } from '../../simulators/speakers/speaker-fleet';
import { waitFor } from '../support/stack';

const BROKER = 'mqtt://127.0.0.1:1883';
/** 100× faster than real time: the 4 s notice plays in 40 ms, the 30 s one in 300 ms. */
const TIME_SCALE = 0.01;

/** 16-bit mono PCM at 8 kHz, a quiet tone (a speaker does not care what it plays). */
function wav(seconds: number): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * seconds * 2);
  for (let i = 0; i < rate * seconds; i++) data.writeInt16LE(Math.round(3000 * Math.sin(i / 5)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const notice = wav(4);
const longNotice = wav(30);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const run = `t${process.pid}x${Date.now().toString(36)}`;
const id = (name: string) => `${run}-${name}`;

let audioServer: Server;
let audioBase: string;
let linli: MqttClient;
const statuses: { deviceId: string; status: SpeakerStatus }[] = [];
const presence = new Map<string, SpeakerPresence>();
/** Speakers whose retained presence was cleared (an empty payload on their presence topic). */
const cleared = new Set<string>();
let heartbeats = new Set<string>();
let fleet: SpeakerFleet;
let nextDelivery = 0;

/** What linli does: publish a play command for one speaker; returns the delivery id. */
function play(
  deviceId: string,
  options: {
    audio?: string;
    sha256?: string;
    priority?: BroadcastPriority;
    broadcastId?: string;
    expiresAt?: Date;
  } = {},
): string {
  const deliveryId = `d${++nextDelivery}`;
  linli.publish(
    speakerTopics(deviceId).command,
    buildSpeakerCommand({
      type: 'play',
      deliveryId,
      broadcastId: options.broadcastId ?? `b${nextDelivery}`,
      audioUrl: `${audioBase}/${options.audio ?? 'notice.wav'}`,
      sha256: options.sha256 ?? sha(notice),
      priority: options.priority ?? 'normal',
      volume: 70,
      expiresAt: options.expiresAt ?? new Date(Date.now() + 60_000),
    }),
    { qos: 1 },
  );
  return deliveryId;
}

/** linli's view: the status a speaker published over MQTT. */
function statusSeen(
  deviceId: string,
  deliveryId: string,
  state: SpeakerStatus['state'],
): Promise<SpeakerStatus> {
  return waitFor(
    () =>
      statuses.find(
        (s) => s.deviceId === deviceId && s.status.deliveryId === deliveryId && s.status.state === state,
      )?.status,
    10_000,
    `linli to see ${deviceId} ${deliveryId} ${state}`,
  );
}

beforeAll(async () => {
  audioServer = createServer((request, response) => {
    const files: Record<string, Buffer> = {
      '/notice.wav': notice,
      '/long.wav': longNotice,
      '/not-wav.wav': Buffer.from('hello'),
    };
    const file = files[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': file.length }).end(file);
  });
  await new Promise<void>((resolve) => audioServer.listen(0, '127.0.0.1', resolve));
  audioBase = `http://127.0.0.1:${(audioServer.address() as AddressInfo).port}`;

  linli = await mqtt.connectAsync(BROKER, { clientId: `linli-test-${run}` });
  linli.on('message', (topic, payload) => {
    const where = parseSpeakerTopic(topic);
    if (!where || !where.deviceId.startsWith(run)) return;
    if (where.channel === 'status') {
      const parsed = parseSpeakerStatus(payload);
      if (parsed.ok) statuses.push({ deviceId: where.deviceId, status: parsed.value });
    } else if (where.channel === 'online') {
      if (payload.length === 0) cleared.add(where.deviceId);
      const parsed = parseSpeakerPresence(payload);
      if (parsed.ok) presence.set(where.deviceId, parsed.value);
    } else if (where.channel === 'heartbeat') {
      heartbeats = new Set([...heartbeats, where.deviceId]);
    }
  });
  await linli.subscribeAsync([...SPEAKER_REPORT_SUBSCRIPTIONS], { qos: 1 });

  fleet = await SpeakerFleet.start({
    brokerUrl: BROKER,
    timeScale: TIME_SCALE,
    heartbeatMs: 200,
    speakers: [
      { deviceId: id('normal') },
      { deviceId: id('second') },
      { deviceId: id('dark'), behaviour: parseSpeakerBehaviour('offline') },
      { deviceId: id('drops'), behaviour: parseSpeakerBehaviour('offline-on-play') },
      { deviceId: id('slow'), behaviour: parseSpeakerBehaviour('slow:2000') },
      { deviceId: id('refuser'), behaviour: parseSpeakerBehaviour('refuse:local mode') },
    ],
  });
});

afterAll(async () => {
  await fleet?.close();
  await linli?.endAsync();
  await new Promise((resolve) => audioServer?.close(resolve));
});

describe('simulated MQTT speaker fleet on the real Mosquitto', () => {
  it('announces every connected speaker online (retained) and sends heartbeats; the offline one never appears', async () => {
    const online = [id('normal'), id('second'), id('drops'), id('slow'), id('refuser')];
    await waitFor(
      () => online.every((d) => presence.get(d) === 'online' && heartbeats.has(d)),
      10_000,
      'presence and heartbeats',
    );
    expect(fleet.speaker(id('dark')).connected).toBe(false);
    expect(presence.has(id('dark'))).toBe(false);
  });

  it('downloads, checks and plays a notice, reporting started then finished with the seconds played', async () => {
    const deliveryId = play(id('normal'));
    const finished = await statusSeen(id('normal'), deliveryId, 'finished');
    const started = await statusSeen(id('normal'), deliveryId, 'started');
    expect(finished.secondsPlayed).toBe(4);
    expect(finished.at.getTime()).toBeGreaterThanOrEqual(started.at.getTime() + 4000 * TIME_SCALE - 5);
    expect(fleet.reportsOf({ deliveryId }).map((r) => r.state)).toEqual(['started', 'finished']);
  });

  it('reports failed with the reason on a sha256 mismatch, an HTTP error or audio that is not WAV', async () => {
    const mismatch = play(id('normal'), { sha256: sha(Buffer.from('other')) });
    const missing = play(id('normal'), { audio: 'gone.wav' });
    const notWav = play(id('normal'), { audio: 'not-wav.wav', sha256: sha(Buffer.from('hello')) });
    expect((await statusSeen(id('normal'), mismatch, 'failed')).reason).toMatch(/sha256/);
    expect((await statusSeen(id('normal'), missing, 'failed')).reason).toMatch(/HTTP 404/);
    expect((await statusSeen(id('normal'), notWav, 'failed')).reason).toMatch(/unsupported audio/);
    expect(fleet.reportsOf({ deliveryId: mismatch, state: 'started' })).toEqual([]);
  });

  it('refuses a play that has already expired', async () => {
    const deliveryId = play(id('normal'), { expiresAt: new Date(Date.now() - 1000) });
    expect((await statusSeen(id('normal'), deliveryId, 'refused')).reason).toBe('expired');
  });

  it('a refusing speaker reports refused with its reason', async () => {
    const deliveryId = play(id('refuser'));
    expect((await statusSeen(id('refuser'), deliveryId, 'refused')).reason).toBe('local mode');
  });

  it('a slow speaker starts only after its delay', async () => {
    const sentAt = Date.now();
    const deliveryId = play(id('slow'));
    const started = await statusSeen(id('slow'), deliveryId, 'started');
    expect(started.at.getTime() - sentAt).toBeGreaterThanOrEqual(2000 * TIME_SCALE);
    await statusSeen(id('slow'), deliveryId, 'finished');
  });

  it('stops a playing delivery on stop and says how long it played', async () => {
    const deliveryId = play(id('second'), { audio: 'long.wav', sha256: sha(longNotice) });
    await statusSeen(id('second'), deliveryId, 'started');
    linli.publish(speakerTopics(id('second')).command, buildSpeakerCommand({ type: 'stop', deliveryId }), {
      qos: 1,
    });
    const stopped = await statusSeen(id('second'), deliveryId, 'stopped');
    expect(stopped.secondsPlayed).toBeLessThan(30);
    expect(fleet.reportsOf({ deliveryId, state: 'finished' })).toEqual([]);
  });

  it('an emergency preempts a normal notice; a second emergency waits its turn, never mixing', async () => {
    const normal = play(id('second'), { audio: 'long.wav', sha256: sha(longNotice) });
    await statusSeen(id('second'), normal, 'started');
    const first = play(id('second'), { priority: 'emergency' });
    const second = play(id('second'), { priority: 'emergency' });
    expect((await statusSeen(id('second'), normal, 'stopped')).reason).toBe('preempted');
    await statusSeen(id('second'), second, 'finished');
    const order = fleet
      .reportsOf({ deviceId: id('second') })
      .filter((r) => [first, second].includes(r.deliveryId))
      .map((r) => `${r.deliveryId} ${r.state}`);
    expect(order).toEqual([
      `${first} started`,
      `${first} finished`,
      `${second} started`,
      `${second} finished`,
    ]);
  });

  it('plays a command delivered twice only once', async () => {
    const deliveryId = `dup-${run}`;
    const command = buildSpeakerCommand({
      type: 'play',
      deliveryId,
      broadcastId: 'b-dup',
      audioUrl: `${audioBase}/notice.wav`,
      sha256: sha(notice),
      priority: 'normal',
      volume: 50,
      expiresAt: new Date(Date.now() + 60_000),
    });
    linli.publish(speakerTopics(id('normal')).command, command, { qos: 1 });
    linli.publish(speakerTopics(id('normal')).command, command, { qos: 1 });
    await fleet.waitUntil(
      () => fleet.playsReceivedBy(id('normal')).filter((c) => c.deliveryId === deliveryId).length === 2,
      'both copies',
    );
    await statusSeen(id('normal'), deliveryId, 'finished');
    expect(fleet.reportsOf({ deliveryId }).map((r) => r.state)).toEqual(['started', 'finished']);
  });

  it('a broadcast to several speakers: the fleet says who played it; the dark speaker reports nothing', async () => {
    const targets = [id('normal'), id('second'), id('dark')];
    for (const deviceId of targets) play(deviceId, { broadcastId: `morning-${run}` });
    await fleet.waitForAll(`morning-${run}`, 'finished', [id('normal'), id('second')]);
    expect(fleet.speakersIn(`morning-${run}`, 'started')).toEqual([id('normal'), id('second')].sort());
    expect(fleet.reportsOf({ deviceId: id('dark') })).toEqual([]);
  });

  it('a speaker that drops off on a play is reported offline by the broker (its last will), then comes back', async () => {
    const deliveryId = play(id('drops'));
    await waitFor(() => presence.get(id('drops')) === 'offline', 10_000, 'the last will');
    expect(statuses.filter((s) => s.status.deliveryId === deliveryId)).toEqual([]);
    await fleet.speaker(id('drops')).comeOnline();
    await waitFor(() => presence.get(id('drops')) === 'online', 10_000, 'back online');
  });

  it('a speaker told to go offline is seen offline', async () => {
    fleet.speaker(id('slow')).goOffline();
    await waitFor(() => presence.get(id('slow')) === 'offline', 10_000, 'the last will');
  });
});

describe('leaving', () => {
  it('closing the fleet clears the retained presence of every speaker that was ever online', async () => {
    await fleet.close();
    const everOnline = [id('normal'), id('second'), id('drops'), id('slow'), id('refuser')];
    await waitFor(() => everOnline.every((d) => cleared.has(d)), 10_000, 'retained presence cleared');
    expect(cleared.has(id('dark'))).toBe(false);
  });
});

describe('WAV length', () => {
  it('is the data size over the byte rate', () => {
    expect(wavSeconds(notice)).toBe(4);
    expect(() => wavSeconds(Buffer.from('nope'))).toThrow(/WAV/);
  });

  it('speaker behaviours read from one word, unknown ones refused', () => {
    expect(parseSpeakerBehaviour('slow:150')).toEqual({ kind: 'slow', delayMs: 150 });
    expect(parseSpeakerBehaviour('refuse')).toEqual({ kind: 'refuse' });
    expect(() => parseSpeakerBehaviour('slow')).toThrow(/delay/);
    expect(() => parseSpeakerBehaviour('sing')).toThrow(/unknown/);
  });
});
