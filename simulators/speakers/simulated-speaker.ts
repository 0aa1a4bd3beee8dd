import { createHash } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import {
  buildSpeakerHeartbeat,
  buildSpeakerStatus,
  parseSpeakerCommand,
  speakerTopics,
  SPEAKER_MESSAGE_QOS,
  type BroadcastPriority,
  type DeliveryState,
  type PlayCommand,
  type SpeakerChannel,
  type SpeakerCommand,
} from '../../src/broadcasts/mqtt/speaker-protocol';
import { wavSeconds } from './audio-seconds';
import { httpDownload } from './http-download';
import type { SpeakerBehaviour } from './speaker-behaviour';

/** A status the speaker published, with the device that published it. */
export interface SpeakerReport {
  deviceId: string;
  deliveryId: string;
  state: DeliveryState;
  at: Date;
  secondsPlayed?: number;
  reason?: string;
}

export interface SimulatedSpeakerOptions {
  deviceId: string;
  /** e.g. mqtt://127.0.0.1:1883 */
  brokerUrl: string;
  behaviour: SpeakerBehaviour;
  /** 1 plays in real time; 0.01 plays a 10 s message in 100 ms (secondsPlayed still says 10). */
  timeScale: number;
  heartbeatMs: number;
  mqttCredentials?: { username: string; password: string };
  /** Headers for the audio download (how the speaker proves who it is to linli's audio server). */
  audioHeaders?: Record<string, string>;
  onReport(report: SpeakerReport): void;
  onCommand(deviceId: string, command: SpeakerCommand): void;
}

const RANK: Record<BroadcastPriority, number> = { normal: 0, important: 1, emergency: 2 };

interface Playing {
  command: PlayCommand;
  seconds: number;
  startedAtMs: number;
  timer: NodeJS.Timeout;
}

interface Ready {
  command: PlayCommand;
  seconds: number;
}

/**
 * One 4G loudspeaker on its own MQTT connection, as the firmware behaves: presence retained with
 * `offline` as its last will, heartbeats, plays one delivery at a time (a higher priority preempts,
 * others wait their turn), reports each delivery's states. Command handling is idempotent on
 * deliveryId, since QoS 1 may deliver a command twice.
 */
export class SimulatedSpeaker {
  private client: MqttClient | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly topics: Record<SpeakerChannel, string>;
  private readonly seen = new Set<string>();
  private readonly stopRequested = new Set<string>();
  private playing: Playing | undefined;
  private waiting: Ready[] = [];
  private wasOnline = false;

  constructor(private readonly options: SimulatedSpeakerOptions) {
    this.topics = speakerTopics(options.deviceId);
  }

  get deviceId(): string {
    return this.options.deviceId;
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** The delivery playing now, if any. */
  get nowPlaying(): string | undefined {
    return this.playing?.command.deliveryId;
  }

  /** Connects, announces itself online (retained) and listens for commands; an `offline` speaker does nothing. */
  async connect(): Promise<void> {
    if (this.options.behaviour.kind === 'offline' || this.client) return;
    const { deviceId, brokerUrl, mqttCredentials } = this.options;
    const client = mqtt.connect(brokerUrl, {
      clientId: `linli-speaker-${deviceId}`,
      ...(mqttCredentials ?? {}),
      will: {
        topic: this.topics.online,
        payload: Buffer.from('offline'),
        qos: SPEAKER_MESSAGE_QOS,
        retain: true,
      },
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    });
    this.client = client;
    client.on('message', (_topic, payload) => this.onCommand(payload));
    // After a reconnect the session is new: say so again (the broker may have published the will).
    client.on('connect', () => void this.announce(client));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    await client.subscribeAsync(this.topics.command, { qos: SPEAKER_MESSAGE_QOS });
    await this.announce(client);
    this.heartbeat = setInterval(() => this.sendHeartbeat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Loses power: the connection drops without a goodbye, so the broker publishes the will (`offline`). */
  goOffline(): void {
    this.stopTimers();
    this.playing = undefined;
    this.waiting = [];
    this.client?.end(true);
    this.client = undefined;
  }

  /** Powers back on. */
  async comeOnline(): Promise<void> {
    await this.connect();
  }

  /**
   * Leaves for good, clearing its retained presence so that the broker keeps nothing of the
   * simulation (a speaker that went offline reconnects briefly to clear its will's `offline`).
   */
  async close(): Promise<void> {
    this.stopTimers();
    const client = this.client;
    this.client = undefined;
    if (!client && !this.wasOnline) return;
    this.wasOnline = false;
    const clearing =
      client && client.connected
        ? client
        : await mqtt.connectAsync(this.options.brokerUrl, {
            clientId: `linli-speaker-${this.deviceId}-leaving`,
            ...(this.options.mqttCredentials ?? {}),
            reconnectPeriod: 0,
          });
    await clearing
      .publishAsync(this.topics.online, '', { qos: SPEAKER_MESSAGE_QOS, retain: true })
      .catch(() => {});
    await clearing.endAsync();
    if (client && client !== clearing) await client.endAsync(true);
  }

  private async announce(client: MqttClient): Promise<void> {
    this.wasOnline = true;
    await client.publishAsync(this.topics.online, 'online', { qos: SPEAKER_MESSAGE_QOS, retain: true });
    this.sendHeartbeat();
  }

  private sendHeartbeat(): void {
    this.client?.publish(this.topics.heartbeat, buildSpeakerHeartbeat({ at: new Date() }), { qos: 0 });
  }

  private onCommand(payload: Buffer): void {
    const parsed = parseSpeakerCommand(payload);
    if (!parsed.ok) return; // a firmware ignores what it cannot read
    const command = parsed.value;
    this.options.onCommand(this.deviceId, command);
    if (command.type === 'stop') return this.stop(command.deliveryId);
    if (this.seen.has(command.deliveryId)) return;
    this.seen.add(command.deliveryId);
    void this.prepare(command);
  }

  private async prepare(command: PlayCommand): Promise<void> {
    const { behaviour } = this.options;
    if (behaviour.kind === 'offline-on-play') return this.goOffline();
    if (command.expiresAt.getTime() <= Date.now())
      return this.report(command.deliveryId, 'refused', { reason: 'expired' });
    if (behaviour.kind === 'refuse') {
      return this.report(command.deliveryId, 'refused', {
        reason: behaviour.reason ?? 'refused by the speaker',
      });
    }
    const download = await this.download(command);
    if ('failure' in download) return this.report(command.deliveryId, 'failed', { reason: download.failure });
    if (behaviour.kind === 'slow') await delay(behaviour.delayMs * this.options.timeScale);
    if (!this.client) return; // went offline meanwhile
    if (this.stopRequested.delete(command.deliveryId)) {
      return this.report(command.deliveryId, 'stopped', { secondsPlayed: 0 });
    }
    this.enqueue({ command, seconds: download.seconds });
  }

  private async download(command: PlayCommand): Promise<{ seconds: number } | { failure: string }> {
    let audio: Buffer;
    try {
      const response = await httpDownload(command.audioUrl, this.options.audioHeaders ?? {});
      if (response.status < 200 || response.status > 299) {
        return { failure: `audio download: HTTP ${response.status}` };
      }
      audio = response.body;
    } catch (error) {
      return { failure: `audio download: ${(error as Error).message}` };
    }
    if (createHash('sha256').update(audio).digest('hex') !== command.sha256) {
      return { failure: 'audio sha256 mismatch' };
    }
    try {
      return { seconds: wavSeconds(audio) };
    } catch (error) {
      return { failure: `unsupported audio: ${(error as Error).message}` };
    }
  }

  private enqueue(ready: Ready): void {
    const current = this.playing;
    if (!current) return this.start(ready);
    if (RANK[ready.command.priority] > RANK[current.command.priority]) {
      this.interrupt('preempted');
      return this.start(ready);
    }
    // Waits behind everything of its own priority or higher: two emergencies queue, never mix.
    const at = this.waiting.findIndex((w) => RANK[w.command.priority] < RANK[ready.command.priority]);
    this.waiting.splice(at < 0 ? this.waiting.length : at, 0, ready);
  }

  private start({ command, seconds }: Ready): void {
    if (command.expiresAt.getTime() <= Date.now()) {
      this.report(command.deliveryId, 'refused', { reason: 'expired' });
      return this.next();
    }
    this.report(command.deliveryId, 'started');
    const timer = setTimeout(
      () => {
        this.playing = undefined;
        this.report(command.deliveryId, 'finished', { secondsPlayed: round(seconds) });
        this.next();
      },
      seconds * 1000 * this.options.timeScale,
    );
    this.playing = { command, seconds, startedAtMs: Date.now(), timer };
  }

  private next(): void {
    const ready = this.waiting.shift();
    if (ready) this.start(ready);
  }

  private stop(deliveryId: string): void {
    if (this.playing?.command.deliveryId === deliveryId) {
      this.interrupt();
      return this.next();
    }
    const waiting = this.waiting.findIndex((w) => w.command.deliveryId === deliveryId);
    if (waiting >= 0) {
      this.waiting.splice(waiting, 1);
      return this.report(deliveryId, 'stopped', { secondsPlayed: 0 });
    }
    // Still downloading: it stops as soon as it is ready. A stop for something long done is ignored.
    if (this.seen.has(deliveryId)) this.stopRequested.add(deliveryId);
  }

  private interrupt(reason?: string): void {
    const current = this.playing;
    if (!current) return;
    clearTimeout(current.timer);
    this.playing = undefined;
    const played = (Date.now() - current.startedAtMs) / 1000 / this.options.timeScale;
    this.report(current.command.deliveryId, 'stopped', {
      secondsPlayed: round(Math.min(played, current.seconds)),
      ...(reason === undefined ? {} : { reason }),
    });
  }

  private report(
    deliveryId: string,
    state: DeliveryState,
    extra: { secondsPlayed?: number; reason?: string } = {},
  ): void {
    const report: SpeakerReport = { deviceId: this.deviceId, deliveryId, state, at: new Date(), ...extra };
    this.client?.publish(this.topics.status, buildSpeakerStatus(report), { qos: SPEAKER_MESSAGE_QOS });
    this.options.onReport(report);
  }

  private stopTimers(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    if (this.playing) clearTimeout(this.playing.timer);
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
