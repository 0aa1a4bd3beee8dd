import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { CallEvent } from '../../telephony/call-events';
import type { SpeakerPresence, SpeakerStatus } from '../mqtt/speaker-protocol';
import type { PresenceMemory } from '../speakers/presence-memory';
import type { SpeakerReports } from './mqtt-speakers';
import type { SpeakerClaims } from './speaker-claims';

const SENT_OR_PLAYING = ['sent', 'playing'];

/**
 * Settles deliveries from what speakers report: an MQTT speaker's status, a paged SIP group's call
 * events, and presence. Every update is conditional on the delivery's state, so a report heard twice
 * (QoS 1, or by two workers) changes nothing the second time.
 */
export class DeliveryReports implements SpeakerReports {
  constructor(
    private readonly db: Db,
    private readonly claims: SpeakerClaims,
    private readonly presences: PresenceMemory,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async status(deviceId: string, status: SpeakerStatus): Promise<void> {
    const delivery = await this.db.broadcastDelivery.findUnique({
      where: { id: status.deliveryId },
      select: { id: true, state: true, startedAt: true, speaker: { select: { id: true, endpoint: true } } },
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
      case 'started':
        await this.db.broadcastDelivery.updateMany({
          where: { id: delivery.id, state: { in: ['pending', 'sent'] } },
          data: { state: 'playing', startedAt: at, reason: null },
        });
        return;
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
  }

  async presence(deviceId: string, presence: SpeakerPresence): Promise<void> {
    const online = presence === 'online';
    await this.presences.remember(deviceId, online, this.now());
    await this.db.speaker.updateMany({
      where: { endpoint: deviceId, kind: 'MQTT' },
      data: { online, ...(online ? { lastSeenAt: new Date(this.now()) } : {}) },
    });
  }

  async heartbeat(deviceId: string): Promise<void> {
    await this.presences.remember(deviceId, true, this.now());
    await this.db.speaker.updateMany({
      where: { endpoint: deviceId, kind: 'MQTT' },
      data: { online: true, lastSeenAt: new Date(this.now()) },
    });
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
      select: { id: true, speakerId: true, startedAt: true },
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
  }
}
