import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../../logging';
import {
  buildSpeakerCommand,
  parseSpeakerHeartbeat,
  parseSpeakerPresence,
  parseSpeakerStatus,
  parseSpeakerTopic,
  SPEAKER_MESSAGE_QOS,
  SPEAKER_REPORT_SUBSCRIPTIONS,
  speakerTopics,
  type SpeakerCommand,
  type SpeakerPresence,
  type SpeakerStatus,
} from '../mqtt/speaker-protocol';

/** What speakers report, as linli acts on it. */
export interface SpeakerReports {
  status(deviceId: string, status: SpeakerStatus): Promise<void>;
  presence(deviceId: string, presence: SpeakerPresence): Promise<void>;
  heartbeat(deviceId: string): Promise<void>;
}

/**
 * linli's connection to the MQTT broker the 4G speakers use: commands out (QoS 1, queued while the
 * broker is unreachable), and every speaker's status, presence and heartbeat in.
 */
export class MqttSpeakers {
  /** Reports being acted on: closing waits for them, so none meets a closed database. */
  private readonly receiving = new Set<Promise<void>>();

  private constructor(
    private readonly client: MqttClient,
    private readonly logger: Logger,
  ) {}

  /** Connects in the background (a broker that is down is retried every second) and listens to `reports`. */
  static connect(url: string, logger: Logger, reports: SpeakerReports): MqttSpeakers {
    const client = mqtt.connect(url, {
      clientId: `linli-${randomBytes(6).toString('hex')}`,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
    });
    const link = new MqttSpeakers(client, logger);
    client.on('connect', () => {
      client.subscribe([...SPEAKER_REPORT_SUBSCRIPTIONS], { qos: SPEAKER_MESSAGE_QOS }, (err) => {
        if (err) logger.error({ err: err.message }, 'could not subscribe to speaker reports');
      });
    });
    client.on('error', (err) => logger.warn({ err: err.message }, 'MQTT broker connection'));
    client.on('message', (topic, payload) => {
      const receiving = link.receive(topic, payload, reports);
      link.receiving.add(receiving);
      void receiving.finally(() => link.receiving.delete(receiving));
    });
    return link;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Resolves when the broker is connected (for tests and benches that must not race the subscription). */
  async ready(timeoutMs = 10_000): Promise<void> {
    if (this.client.connected) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('MQTT broker not reachable')), timeoutMs);
      this.client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async send(deviceId: string, command: SpeakerCommand): Promise<void> {
    await this.client.publishAsync(speakerTopics(deviceId).command, buildSpeakerCommand(command), {
      qos: SPEAKER_MESSAGE_QOS,
    });
  }

  private async receive(topic: string, payload: Buffer, reports: SpeakerReports): Promise<void> {
    const about = parseSpeakerTopic(topic);
    if (!about) return;
    try {
      if (about.channel === 'status') {
        const status = parseSpeakerStatus(payload);
        if (status.ok) await reports.status(about.deviceId, status.value);
        else
          this.logger.warn({ deviceId: about.deviceId, problems: status.problems }, 'speaker status ignored');
      } else if (about.channel === 'online') {
        // An empty retained message clears the topic: nothing to learn.
        if (payload.length === 0) return;
        const presence = parseSpeakerPresence(payload);
        if (presence.ok) await reports.presence(about.deviceId, presence.value);
      } else if (about.channel === 'heartbeat') {
        if (parseSpeakerHeartbeat(payload).ok) await reports.heartbeat(about.deviceId);
      }
    } catch (err) {
      this.logger.error({ deviceId: about.deviceId, err: (err as Error).message }, 'speaker report failed');
    }
  }

  async close(): Promise<void> {
    await this.client.endAsync();
    await Promise.all([...this.receiving]);
  }
}
