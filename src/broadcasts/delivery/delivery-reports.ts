import { bulkSql } from '../../db/bulk-sql';
import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { SpeakerPresence, SpeakerStatus } from '../mqtt/speaker-protocol';
import type { PresenceMemory } from '../speakers/presence-memory';
import type { SpeakerReports } from './mqtt-speakers';
import { finalWrites, firstFinalWrites, type FinalStatus, type FinalWrite } from './final-report';
import { MicroBatch } from './micro-batch';
import { markPlaying, markSeen, ownedDeliveries, writeFinal } from './report-rows';
import { settleBroadcast } from './settle-broadcast';
import type { SpeakerClaims } from './speaker-claims';

/** How long a report may wait for others to be written with it. */
const BATCH_WINDOW_MS = 20;

interface Started {
  deviceId: string;
  deliveryId: string;
  atMs: number;
}

interface Final {
  deviceId: string;
  status: FinalStatus;
  atMs: number;
}

interface Seen {
  deviceId: string;
  online: boolean;
  atMs: number;
}

/**
 * Settles deliveries from what MQTT speakers report: their status and presence (SIP speakers' page
 * events: page-reports.ts). Every update is conditional on the delivery's state, so a report heard twice
 * (QoS 1, or by two workers) changes nothing the second time.
 */
export class DeliveryReports implements SpeakerReports {
  // A village's speakers report `started`, heartbeats and presence all at once: one write per batch.
  private readonly starts = new MicroBatch<Started>((items) => this.writeStarts(items), BATCH_WINDOW_MS);
  private readonly beats = new MicroBatch<Seen>((items) => this.writeSeen(items), BATCH_WINDOW_MS);
  // ...and finish the same notice together.
  private readonly finals = new MicroBatch<Final>((items) => this.writeFinals(items), BATCH_WINDOW_MS);

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
    await this.finals.add({ deviceId, status: { ...status, state: status.state }, atMs: this.now() });
  }

  async presence(deviceId: string, presence: SpeakerPresence): Promise<void> {
    await this.beats.add({ deviceId, online: presence === 'online', atMs: this.now() });
  }

  async heartbeat(deviceId: string): Promise<void> {
    await this.beats.add({ deviceId, online: true, atMs: this.now() });
  }

  /** Speakers that started: those playing their own delivery marked playing, in one statement. */
  private async writeStarts(items: Started[]): Promise<void> {
    // One start time for the batch: its first report's, at most one batch window early.
    const owned = await markPlaying(
      bulkSql(this.db),
      items,
      Math.min(...items.map((i) => i.atMs)),
      this.now(),
    );
    const theirs = new Set(owned.map((o) => `${o.deliveryId} ${o.deviceId}`));
    for (const i of items.filter((item) => !theirs.has(`${item.deliveryId} ${item.deviceId}`))) {
      this.logger.warn(
        { deviceId: i.deviceId, deliveryId: i.deliveryId },
        'status for a delivery this speaker does not have',
      );
    }
  }

  /**
   * Speakers' last words on their deliveries: each checked to be the speaker's own, all written in one
   * statement, the speakers freed, and each broadcast touched settled once.
   */
  private async writeFinals(items: Final[]): Promise<void> {
    const sql = bulkSql(this.db);
    const deliveries = await ownedDeliveries(
      sql,
      items.map((i) => ({ deliveryId: i.status.deliveryId, deviceId: i.deviceId })),
    );
    const byId = new Map(deliveries.map((d) => [d.id, d]));
    const writes: { deliveryId: string; write: FinalWrite }[] = [];
    const held = new Map<string, { speakerId: string; deliveryId: string }>();
    for (const item of items) {
      const delivery = byId.get(item.status.deliveryId);
      if (!delivery || delivery.deviceId !== item.deviceId) {
        this.logger.warn(
          { deviceId: item.deviceId, deliveryId: item.status.deliveryId },
          'status for a delivery this speaker does not have',
        );
        continue;
      }
      const startedAt = delivery.startedAt === null ? null : new Date(delivery.startedAt);
      for (const write of finalWrites(item.status, startedAt, item.atMs)) {
        writes.push({ deliveryId: delivery.id, write });
      }
      held.set(delivery.id, { speakerId: delivery.speakerId, deliveryId: delivery.id });
    }
    await writeFinal(sql, firstFinalWrites(writes), this.now());
    await this.claims.releaseAll([...held.values()]);
    const broadcasts = new Set([...held.keys()].map((id) => byId.get(id)?.broadcastId ?? ''));
    for (const broadcastId of broadcasts) await settleBroadcast(this.db, broadcastId);
  }

  /** Presence and heartbeats: remembered by device, and written to the speakers registered. */
  private async writeSeen(items: Seen[]): Promise<void> {
    // The last word of each device counts (an `offline` will after a heartbeat in the same batch).
    const last = new Map(items.map((i) => [i.deviceId, i]));
    const latest = [...last.values()];
    await this.presences.rememberAll(latest);
    await markSeen(bulkSql(this.db), latest, Math.max(...latest.map((i) => i.atMs)));
  }

  /** Writes the reports still gathered (before the database closes). */
  async drain(): Promise<void> {
    await Promise.all([this.starts.drain(), this.beats.drain(), this.finals.drain()]);
  }
}
