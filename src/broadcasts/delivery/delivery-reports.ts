import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { CallEvent } from '../../telephony/call-events';
import type { SpeakerPresence, SpeakerStatus } from '../mqtt/speaker-protocol';
import type { PresenceMemory } from '../speakers/presence-memory';
import type { SpeakerReports } from './mqtt-speakers';
import { MicroBatch } from './micro-batch';
import { settleBroadcast } from './settle-broadcast';
import type { SpeakerClaims } from './speaker-claims';

const SENT_OR_PLAYING = ['sent', 'playing'];
/** How long a report may wait for others to be written with it. */
const BATCH_WINDOW_MS = 20;

interface Started {
  deviceId: string;
  deliveryId: string;
  atMs: number;
}

interface Seen {
  deviceId: string;
  online: boolean;
  atMs: number;
}

/**
 * Settles deliveries from what speakers report: an MQTT speaker's status, a paged SIP group's call
 * events, and presence. Every update is conditional on the delivery's state, so a report heard twice
 * (QoS 1, or by two workers) changes nothing the second time.
 */
export class DeliveryReports implements SpeakerReports {
  // A village's speakers report `started`, heartbeats and presence all at once: one write per batch.
  private readonly starts = new MicroBatch<Started>((items) => this.writeStarts(items), BATCH_WINDOW_MS);
  private readonly beats = new MicroBatch<Seen>((items) => this.writeSeen(items), BATCH_WINDOW_MS);

  constructor(
    private readonly db: Db,
    private readonly claims: SpeakerClaims,
    private readonly presences: PresenceMemory,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async status(deviceId: string, status: SpeakerStatus): Promise<void> {
    if (status.state === 'started') {
      await this.starts.add({ deviceId, deliveryId: status.deliveryId, atMs: this.now() });
      return;
    }
    const delivery = await this.db.broadcastDelivery.findUnique({
      where: { id: status.deliveryId },
      select: {
        id: true,
        broadcastId: true,
        state: true,
        startedAt: true,
        speaker: { select: { id: true, endpoint: true } },
      },
    });
    if (!delivery || delivery.speaker.endpoint !== deviceId) {
      this.logger.warn(
        { deviceId, deliveryId: status.deliveryId },
        'status for a delivery this speaker does not have',
      );
      return;
    }
    const at = new Date(this.now());
    const where = { id: delivery.id, state: { in: SENT_OR_PLAYING } };
    const played = status.secondsPlayed;
    switch (status.state) {
      case 'finished':
        await this.db.broadcastDelivery.updateMany({
          where,
          data: {
            state: 'finished',
            startedAt: delivery.startedAt ?? at,
            secondsPlayed:
              played ?? (delivery.startedAt ? (at.getTime() - delivery.startedAt.getTime()) / 1000 : 0),
          },
        });
        break;
      case 'stopped':
        // Stopped because linli preempted it: the preemption wrote the report; the speaker says how long it played.
        if (played !== undefined) {
          await this.db.broadcastDelivery.updateMany({
            where: { id: delivery.id, state: 'preempted' },
            data: { secondsPlayed: played },
          });
        }
        await this.db.broadcastDelivery.updateMany({
          where,
          data: { state: 'failed', reason: status.reason ?? 'stopped' },
        });
        break;
      case 'refused':
      case 'failed':
        await this.db.broadcastDelivery.updateMany({
          where,
          data: { state: 'failed', reason: `${status.state}${status.reason ? `: ${status.reason}` : ''}` },
        });
        break;
    }
    await this.claims.release(delivery.speaker.id, delivery.id);
    await settleBroadcast(this.db, delivery.broadcastId);
  }

  async presence(deviceId: string, presence: SpeakerPresence): Promise<void> {
    await this.beats.add({ deviceId, online: presence === 'online', atMs: this.now() });
  }

  async heartbeat(deviceId: string): Promise<void> {
    await this.beats.add({ deviceId, online: true, atMs: this.now() });
  }

  /** Speakers that started: checked to be playing their own delivery, then marked playing together. */
  private async writeStarts(items: Started[]): Promise<void> {
    const owners = await this.db.broadcastDelivery.findMany({
      where: { id: { in: items.map((i) => i.deliveryId) } },
      select: { id: true, speaker: { select: { endpoint: true } } },
    });
    const endpointOf = new Map(owners.map((d) => [d.id, d.speaker.endpoint]));
    const theirs = items.filter((i) => endpointOf.get(i.deliveryId) === i.deviceId);
    for (const i of items.filter((item) => !theirs.includes(item))) {
      this.logger.warn(
        { deviceId: i.deviceId, deliveryId: i.deliveryId },
        'status for a delivery this speaker does not have',
      );
    }
    if (theirs.length === 0) return;
    // One start time for the batch: its first report's, at most one batch window early.
    await this.db.broadcastDelivery.updateMany({
      where: { id: { in: theirs.map((i) => i.deliveryId) }, state: { in: ['pending', 'sent'] } },
      data: { state: 'playing', startedAt: new Date(Math.min(...theirs.map((i) => i.atMs))), reason: null },
    });
  }

  /** Presence and heartbeats: remembered by device, and written to the speakers registered. */
  private async writeSeen(items: Seen[]): Promise<void> {
    // The last word of each device counts (an `offline` will after a heartbeat in the same batch).
    const last = new Map(items.map((i) => [i.deviceId, i]));
    const latest = [...last.values()];
    await this.presences.rememberAll(latest);
    const at = new Date(Math.max(...latest.map((i) => i.atMs)));
    const online = latest.filter((i) => i.online).map((i) => i.deviceId);
    const offline = latest.filter((i) => !i.online).map((i) => i.deviceId);
    if (online.length > 0) {
      await this.db.speaker.updateMany({
        where: { endpoint: { in: online }, kind: 'MQTT' },
        data: { online: true, lastSeenAt: at },
      });
    }
    if (offline.length > 0) {
      await this.db.speaker.updateMany({
        where: { endpoint: { in: offline }, kind: 'MQTT' },
        data: { online: false },
      });
    }
  }

  /** Writes the reports still gathered (before the database closes). */
  async drain(): Promise<void> {
    await Promise.all([this.starts.drain(), this.beats.drain()]);
  }

  /** A paged group's call: answered, its speakers play; ended, they finished (or were not reached). */
  async callEvent(event: CallEvent): Promise<void> {
    if (!event.callId.startsWith('page-') || (event.type !== 'answered' && event.type !== 'ended')) return;
    if (event.type === 'answered') {
      await this.db.broadcastDelivery.updateMany({
        where: { callId: event.callId, state: 'sent' },
        data: { state: 'playing', startedAt: event.at },
      });
      return;
    }
    const deliveries = await this.db.broadcastDelivery.findMany({
      where: { callId: event.callId, state: { in: SENT_OR_PLAYING } },
      select: { id: true, broadcastId: true, speakerId: true, startedAt: true },
    });
    for (const d of deliveries) {
      const data = d.startedAt
        ? { state: 'finished', secondsPlayed: (event.at.getTime() - d.startedAt.getTime()) / 1000 }
        : { state: 'pending', callId: null, reason: 'no-answer' };
      await this.db.broadcastDelivery.updateMany({
        where: { id: d.id, state: { in: SENT_OR_PLAYING } },
        data,
      });
      await this.claims.release(d.speakerId, d.id);
    }
    for (const broadcastId of new Set(deliveries.map((d) => d.broadcastId))) {
      await settleBroadcast(this.db, broadcastId);
    }
  }
}
