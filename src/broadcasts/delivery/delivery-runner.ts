import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import type { Speaker } from '../../generated/prisma/client';
import type { Logger } from '../../logging';
import type { Redis } from '../../queue/redis';
import type { PromptFiles } from '../../speech/prompt-files';
import type { Codec } from '../../speech/types';
import type { CallControl } from '../../telephony/call-control';
import { PAGE_ID_OVERHEAD, PAGE_TARGET_BUDGET } from '../../telephony/verbs/page';
import type { BroadcastJobs } from '../broadcast-jobs';
import { definitionOf, PRIORITY_COLUMN } from '../broadcast-record';
import type { AudioLinks } from '../content/audio-links';
import { broadcastPrompt } from '../content/broadcast-prompt';
import { writeSpeakerAudio, type SpeakerAudio } from '../content/speaker-audio-file';
import type { BroadcastDefinition } from '../domain/broadcast-definition';
import { PRIORITIES, priorityRank } from '../domain/priority';
import type { QuietHours } from '../domain/quiet-hours';
import { occurrenceDecision, occurrenceMinute, type SkipReason } from '../domain/schedule';
import { isOnline } from '../speakers/speaker-health';
import { refreshSipHealth } from '../speakers/sip-health';
import type { MqttSpeakers } from './mqtt-speakers';
import type { SpeakerClaims } from './speaker-claims';

export interface DeliveryDeps {
  db: Db;
  redis: Redis;
  prefix: string;
  calls: CallControl;
  claims: SpeakerClaims;
  mqtt: MqttSpeakers;
  links: AudioLinks;
  /** Where speakers download audio: the audio server's base URL. */
  audioBaseUrl: () => string;
  prompts: PromptFiles;
  mediaDir: string;
  codec: Codec;
  jobs: BroadcastJobs;
  quiet: QuietHours;
  retryMs: number;
  startTimeoutMs: number;
  heartbeatTimeoutMs: number;
  logger: Logger;
  now?: () => number;
}

/** How long SIP speakers have to answer a page. */
const PAGE_ANSWER_MS = 10_000;
/** A claim outlives the audio by this much, for a speaker that never reports its end. */
const CLAIM_SLACK_MS = 30_000;
const UNFINISHED = ['pending', 'sent'];

type DeliveryWithSpeaker = {
  id: string;
  state: string;
  reason: string | null;
  sentAt: Date | null;
  expiresAt: Date;
  speaker: Speaker;
};

/**
 * Plays broadcasts: an occurrence's deliveries are written when it fires, then each speaker is claimed
 * (preempting a lower priority, waiting behind an equal or higher one) and sent the audio, SIP speakers
 * paged together, MQTT speakers commanded one by one. Speakers offline or busy are tried again every
 * retry period until the occurrence expires; what they report settles each delivery (see DeliveryReports).
 */
export class DeliveryRunner {
  private readonly now: () => number;

  constructor(private readonly deps: DeliveryDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** An occurrence fires now: its deliveries are written and tried at once. Returns why it did not play. */
  async fire(broadcastId: string): Promise<SkipReason | 'cancelled' | null> {
    const { db } = this.deps;
    const row = await db.broadcast.findUnique({ where: { id: broadcastId } });
    if (!row || row.status === 'cancelled') return 'cancelled';
    const definition = definitionOf(row);
    const nowMs = this.now();
    const decision = occurrenceDecision(definition, nowMs, this.deps.quiet);
    if (!decision.play) {
      this.deps.logger.info({ broadcastId, reason: decision.reason }, 'broadcast occurrence skipped');
      return decision.reason;
    }
    const occurrence = occurrenceMinute(nowMs);
    const speakers = await this.targetSpeakers(definition);
    const expiresAt = new Date(nowMs + definition.validMinutes * 60_000);
    await db.broadcastDelivery.createMany({
      data: speakers.map((s) => ({ broadcastId, occurrence, speakerId: s.id, state: 'pending', expiresAt })),
      skipDuplicates: true,
    });
    await db.broadcast.update({ where: { id: broadcastId }, data: { status: 'playing' } });
    await this.attempt(broadcastId, occurrence);
    return null;
  }

  /** Speakers a definition targets that play its priority (their floor at or below it). */
  private async targetSpeakers(definition: BroadcastDefinition): Promise<Speaker[]> {
    const { targets, priority } = definition;
    const floors = PRIORITIES.filter((p) => priorityRank(p) <= priorityRank(priority)).map(
      (p) => PRIORITY_COLUMN[p],
    );
    return this.deps.db.speaker.findMany({
      where: {
        priorityFloor: { in: floors },
        OR: [
          { villageId: { in: targets.villageIds } },
          { areaId: { in: targets.gridIds } },
          { zoneId: { in: targets.zoneIds } },
          { id: { in: targets.speakerIds } },
        ],
      },
    });
  }

  /** Tries every speaker of the occurrence that has not played yet; schedules the next try while any remain. */
  async attempt(broadcastId: string, occurrence: Date): Promise<void> {
    const { db } = this.deps;
    const row = await db.broadcast.findUnique({ where: { id: broadcastId } });
    if (!row) return;
    const definition = definitionOf(row);
    const nowMs = this.now();
    const deliveries: DeliveryWithSpeaker[] = await db.broadcastDelivery.findMany({
      where: { broadcastId, occurrence, state: { in: UNFINISHED } },
      select: { id: true, state: true, reason: true, sentAt: true, expiresAt: true, speaker: true },
    });
    const expired = deliveries.filter((d) => d.expiresAt.getTime() <= nowMs);
    await this.expire(expired);
    const live = deliveries.filter((d) => d.expiresAt.getTime() > nowMs);
    const due = live.filter(
      (d) =>
        d.state === 'pending' ||
        (d.speaker.kind === 'MQTT' && (d.sentAt?.getTime() ?? 0) + this.deps.startTimeoutMs <= nowMs),
    );
    const playMs = await this.deps.prompts.durationMs(broadcastPrompt(definition));
    const claimed = await this.claimAll(due, definition, playMs, nowMs);
    const claimedMs = this.now() - nowMs;
    await Promise.all([
      this.sendMqtt(
        claimed.filter((d) => d.speaker.kind === 'MQTT'),
        broadcastId,
        definition,
      ),
      this.pageSip(
        claimed.filter((d) => d.speaker.kind === 'SIP'),
        definition,
      ),
    ]);
    if (claimed.length > 0) {
      this.deps.logger.info(
        { broadcastId, due: due.length, sent: claimed.length, claimedMs, sentMs: this.now() - nowMs },
        'broadcast sent to speakers',
      );
    }
    if (live.length > 0) await this.deps.jobs.attemptLater(broadcastId, occurrence, this.deps.retryMs);
    else await this.settleBroadcast(broadcastId);
  }

  /** Deliveries past their broadcast's validity fail, with what kept them from playing. */
  private async expire(expired: DeliveryWithSpeaker[]): Promise<void> {
    for (const d of expired) {
      const reason = d.state === 'sent' ? 'no-report' : (d.reason ?? 'expired');
      await this.deps.db.broadcastDelivery.updateMany({
        where: { id: d.id, state: { in: UNFINISHED } },
        data: { state: 'failed', reason: `expired: ${reason}` },
      });
      await this.deps.claims.release(d.speaker.id, d.id);
    }
  }

  private async claimAll(
    due: DeliveryWithSpeaker[],
    definition: BroadcastDefinition,
    playMs: number,
    nowMs: number,
  ): Promise<DeliveryWithSpeaker[]> {
    const { db, claims } = this.deps;
    const sip = due.filter((d) => d.speaker.kind === 'SIP').map((d) => d.speaker.endpoint);
    const reach = await refreshSipHealth(db, this.deps.calls, sip, nowMs).catch(
      () => ({}) as Record<string, string>,
    );
    // Claimed concurrently: ioredis pipelines the scripts, a village of speakers takes a few round trips.
    const outcomes = await Promise.all(
      due.map(async (d): Promise<DeliveryWithSpeaker | null> => {
        const offline =
          d.speaker.kind === 'MQTT'
            ? !isOnline(d.speaker, nowMs, this.deps.heartbeatTimeoutMs)
            : reach[d.speaker.endpoint] === 'unreachable';
        if (offline) {
          await this.note(d, 'offline');
          return null;
        }
        const result = await claims.claim(d.speaker.id, d.id, definition.priority, playMs + CLAIM_SLACK_MS);
        if (result.kind === 'busy') {
          await this.note(d, 'busy');
          return null;
        }
        if (result.kind === 'preempted') await this.preempt(result.from, definition.title);
        return d;
      }),
    );
    const claimed = outcomes.filter((d): d is DeliveryWithSpeaker => d !== null);
    await db.broadcastDelivery.updateMany({
      where: { id: { in: claimed.map((d) => d.id) } },
      data: { attempts: { increment: 1 } },
    });
    return claimed;
  }

  private async note(d: DeliveryWithSpeaker, reason: string): Promise<void> {
    if (d.reason === reason && d.state === 'pending') return;
    await this.deps.db.broadcastDelivery.updateMany({
      where: { id: d.id, state: { in: UNFINISHED } },
      data: { state: 'pending', reason },
    });
  }

  /** Stops a lower-priority delivery on a speaker an emergency takes: it reports preempted, never resumes. */
  private async preempt(deliveryId: string, by: string): Promise<void> {
    const { db, mqtt, calls, claims, logger } = this.deps;
    const old = await db.broadcastDelivery.findUnique({
      where: { id: deliveryId },
      include: { speaker: true },
    });
    if (!old) return;
    // A paged group stops as one call: every speaker on it is preempted.
    const stopped = old.callId
      ? await db.broadcastDelivery.findMany({
          where: { callId: old.callId, state: { in: ['sent', 'playing'] } },
          include: { speaker: true },
        })
      : [old];
    const nowMs = this.now();
    for (const d of stopped) {
      await db.broadcastDelivery.updateMany({
        where: { id: d.id, state: { in: ['pending', 'sent', 'playing'] } },
        data: {
          state: 'preempted',
          reason: `preempted by ${by}`,
          ...(d.startedAt ? { secondsPlayed: (nowMs - d.startedAt.getTime()) / 1000 } : {}),
        },
      });
      if (d.id !== deliveryId) await claims.release(d.speaker.id, d.id);
    }
    try {
      if (old.callId) await calls.hangup(old.callId);
      else if (old.speaker.kind === 'MQTT')
        await mqtt.send(old.speaker.endpoint, { type: 'stop', deliveryId });
    } catch (err) {
      logger.warn({ deliveryId, err: (err as Error).message }, 'could not stop a preempted broadcast');
    }
  }

  private async speakerAudio(broadcastId: string, definition: BroadcastDefinition): Promise<SpeakerAudio> {
    const key = `${this.deps.prefix}:broadcasts:audio:${broadcastId}`;
    const cached = await this.deps.redis.get(key);
    if (cached) return JSON.parse(cached) as SpeakerAudio;
    const audio = await writeSpeakerAudio(broadcastPrompt(definition), {
      broadcastId,
      mediaDir: this.deps.mediaDir,
      codec: this.deps.codec,
      prompts: this.deps.prompts,
    });
    await this.deps.redis.set(key, JSON.stringify(audio), 'EX', 24 * 3600);
    return audio;
  }

  private async sendMqtt(
    claimed: DeliveryWithSpeaker[],
    broadcastId: string,
    definition: BroadcastDefinition,
  ) {
    if (claimed.length === 0) return;
    const { db, mqtt, links } = this.deps;
    const audio = await this.speakerAudio(broadcastId, definition);
    // Marked sent first: a fast speaker's `started` may arrive before the last command is out.
    await db.broadcastDelivery.updateMany({
      where: { id: { in: claimed.map((d) => d.id) }, state: { in: UNFINISHED } },
      data: { state: 'sent', sentAt: new Date(this.now()), reason: null },
    });
    await Promise.all(
      claimed.map(async (d) => {
        const audioUrl = await links.url(this.deps.audioBaseUrl(), {
          broadcastId,
          deliveryId: d.id,
          deviceId: d.speaker.endpoint,
          expiresMs: d.expiresAt.getTime(),
        });
        await mqtt.send(d.speaker.endpoint, {
          type: 'play',
          deliveryId: d.id,
          broadcastId,
          audioUrl,
          sha256: audio.sha256,
          priority: definition.priority,
          volume: d.speaker.volume,
          expiresAt: d.expiresAt,
        });
      }),
    );
  }

  /**
   * SIP speakers are paged one group per zone (per village for speakers without a zone), split into
   * several pages when a zone has more speakers than one page carries. Paging uses no trunk: speakers are endpoints on the engine itself, so it
   * takes no channel from any trunk's budget and never delays an SOS call.
   */
  private async pageSip(claimed: DeliveryWithSpeaker[], definition: BroadcastDefinition): Promise<void> {
    const open = new Map<string, { group: DeliveryWithSpeaker[]; size: number }>();
    const groups: DeliveryWithSpeaker[][] = [];
    for (const d of claimed) {
      const zone = d.speaker.zoneId ?? `village:${d.speaker.villageId}`;
      const cost = d.speaker.endpoint.length + PAGE_ID_OVERHEAD;
      let current = open.get(zone);
      if (!current || current.size + cost > PAGE_TARGET_BUDGET) {
        current = { group: [], size: 0 };
        open.set(zone, current);
        groups.push(current.group);
      }
      current.group.push(d);
      current.size += cost;
    }
    await Promise.all(groups.map((group) => this.pageGroup(group, definition)));
  }

  private async pageGroup(group: DeliveryWithSpeaker[], definition: BroadcastDefinition): Promise<void> {
    const { db, calls, claims, logger } = this.deps;
    const callId = `page-${randomUUID()}`;
    const ids = group.map((d) => d.id);
    await db.broadcastDelivery.updateMany({
      where: { id: { in: ids }, state: { in: UNFINISHED } },
      data: { state: 'sent', sentAt: new Date(this.now()), callId, reason: null },
    });
    try {
      await calls.page({
        callId,
        speakers: group.map((d) => d.speaker.endpoint),
        prompt: broadcastPrompt(definition),
        timeoutMs: PAGE_ANSWER_MS,
      });
    } catch (err) {
      logger.warn({ callId, err: (err as Error).message }, 'page failed; speakers are tried again');
      await db.broadcastDelivery.updateMany({
        where: { id: { in: ids }, callId },
        data: { state: 'pending', callId: null, reason: 'engine-unavailable' },
      });
      for (const d of group) await claims.release(d.speaker.id, d.id);
    }
  }

  /** A cancelled broadcast: speakers still to play it are let go, speakers playing it are stopped. */
  async stop(broadcastId: string): Promise<void> {
    const { db, mqtt, calls, claims, logger } = this.deps;
    const open = await db.broadcastDelivery.findMany({
      where: { broadcastId, state: { in: [...UNFINISHED, 'playing'] } },
      include: { speaker: true },
    });
    await db.broadcastDelivery.updateMany({
      where: { id: { in: open.map((d) => d.id) }, state: { in: [...UNFINISHED, 'playing'] } },
      data: { state: 'failed', reason: 'cancelled' },
    });
    const calledOff = new Set<string>();
    for (const d of open) {
      try {
        if (d.callId && !calledOff.has(d.callId) && calls.isLive(d.callId)) {
          calledOff.add(d.callId);
          await calls.hangup(d.callId);
        } else if (d.speaker.kind === 'MQTT' && d.state !== 'pending') {
          await mqtt.send(d.speaker.endpoint, { type: 'stop', deliveryId: d.id });
        }
      } catch (err) {
        logger.warn(
          { deliveryId: d.id, err: (err as Error).message },
          'could not stop a cancelled broadcast',
        );
      }
      await claims.release(d.speaker.id, d.id);
    }
  }

  /** A broadcast none of whose deliveries is unfinished is done, unless more occurrences are to come. */
  async settleBroadcast(broadcastId: string): Promise<void> {
    const { db } = this.deps;
    const open = await db.broadcastDelivery.count({
      where: { broadcastId, state: { in: [...UNFINISHED, 'playing'] } },
    });
    if (open > 0) return;
    await db.broadcast.updateMany({
      where: { id: broadcastId, status: 'playing', cron: null },
      data: { status: 'done' },
    });
  }
}
