import { randomUUID } from 'node:crypto';
import { bulkSql } from '../../db/bulk-sql';
import type { Db } from '../../db/client';
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
import { dueDeliveries, insertDeliveries, markSent, type DueDelivery } from './delivery-rows';
import type { MqttSpeakers } from './mqtt-speakers';
import { OPEN_DELIVERY_STATES, settleBroadcast } from './settle-broadcast';
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

  /**
   * An occurrence fires: its deliveries are written and tried at once. Returns why it did not play.
   * `scheduledMs` is when it was due (a recurring one's cron time): the occurrence is that minute and
   * that day's calendar decides, even when a busy worker starts it late; quiet hours are those of now.
   */
  async fire(broadcastId: string, scheduledMs?: number): Promise<SkipReason | 'cancelled' | null> {
    const { db } = this.deps;
    const row = await db.broadcast.findUnique({ where: { id: broadcastId } });
    if (!row || row.status === 'cancelled') return 'cancelled';
    const definition = definitionOf(row);
    const nowMs = this.now();
    const dueMs = scheduledMs ?? nowMs;
    const decision = occurrenceDecision(definition, dueMs, this.deps.quiet, nowMs);
    if (!decision.play) {
      this.deps.logger.info({ broadcastId, reason: decision.reason }, 'broadcast occurrence skipped');
      return decision.reason;
    }
    const occurrence = occurrenceMinute(dueMs);
    const { priority } = definition;
    await insertDeliveries(
      bulkSql(db),
      {
        broadcastId,
        at: occurrence,
        expiresAt: new Date(nowMs + definition.validMinutes * 60_000),
        targets: definition.targets,
        // Speakers play the broadcast when their floor is at or below its priority.
        floors: PRIORITIES.filter((p) => priorityRank(p) <= priorityRank(priority)).map(
          (p) => PRIORITY_COLUMN[p],
        ),
      },
      new Date(nowMs),
    );
    await db.broadcast.update({ where: { id: broadcastId }, data: { status: 'playing' } });
    await this.attempt(broadcastId, occurrence);
    return null;
  }

  /** Tries every speaker of the occurrence that has not played yet; schedules the next try while any remain. */
  async attempt(broadcastId: string, occurrence: Date): Promise<void> {
    const { db } = this.deps;
    const row = await db.broadcast.findUnique({ where: { id: broadcastId } });
    if (!row) return;
    const definition = definitionOf(row);
    const nowMs = this.now();
    const now = new Date(nowMs);
    const unfinished = { broadcastId, occurrence, state: { in: UNFINISHED } };
    const expired = await db.broadcastDelivery.findMany({
      where: { ...unfinished, expiresAt: { lte: now } },
      select: { id: true, state: true, reason: true, speaker: { select: { id: true } } },
    });
    await this.expire(expired);
    // Only what is due is read: a village's speakers sent the audio a moment ago and about to report
    // are not read again at every try.
    const due = await dueDeliveries(
      bulkSql(db),
      { broadcastId, at: occurrence },
      now,
      new Date(nowMs - this.deps.startTimeoutMs),
    );
    const playMs = await this.deps.prompts.durationMs(broadcastPrompt(definition));
    const mqttDue = due.filter((d) => d.speaker.kind === 'MQTT');
    const sipDue = due.filter((d) => d.speaker.kind === 'SIP');
    // Two paths at once: the engine's contact check for SIP speakers never holds up the 4G speakers.
    const [mqttSent, sipSent] = await Promise.all([
      (async () => {
        const claimed = await this.claimAll(
          mqttDue,
          definition,
          playMs,
          (d) => !isOnline(d.speaker, nowMs, this.deps.heartbeatTimeoutMs),
        );
        await this.sendMqtt(claimed, broadcastId, definition);
        return claimed.length;
      })(),
      (async () => {
        const endpoints = sipDue.map((d) => d.speaker.endpoint);
        const reach = await refreshSipHealth(db, this.deps.calls, endpoints, nowMs).catch(
          () => ({}) as Record<string, string>,
        );
        const claimed = await this.claimAll(
          sipDue,
          definition,
          playMs,
          (d) => reach[d.speaker.endpoint] === 'unreachable',
        );
        await this.pageSip(claimed, definition);
        return claimed.length;
      })(),
    ]);
    if (mqttSent + sipSent > 0) {
      this.deps.logger.info(
        { broadcastId, due: due.length, mqttSent, sipSent, sentMs: this.now() - nowMs },
        'broadcast sent to speakers',
      );
    }
    const live =
      due.length > 0 ||
      (await db.broadcastDelivery.count({ where: { ...unfinished, expiresAt: { gt: now } } })) > 0;
    if (live) await this.deps.jobs.attemptLater(broadcastId, occurrence, this.deps.retryMs);
    else await settleBroadcast(db, broadcastId);
  }

  /** Deliveries past their broadcast's validity fail, with what kept them from playing. */
  private async expire(
    expired: { id: string; state: string; reason: string | null; speaker: { id: string } }[],
  ): Promise<void> {
    for (const d of expired) {
      const reason = d.state === 'sent' ? 'no-report' : (d.reason ?? 'expired');
      await this.deps.db.broadcastDelivery.updateMany({
        where: { id: d.id, state: { in: UNFINISHED } },
        data: { state: 'failed', reason: `expired: ${reason}` },
      });
      await this.deps.claims.release(d.speaker.id, d.id);
    }
  }

  /**
   * Claims the due speakers that are not `offline`, all in one Redis call, and stops what lower
   * priority they were playing; the rest wait for the next try, their reason noted.
   */
  private async claimAll(
    due: DueDelivery[],
    definition: BroadcastDefinition,
    playMs: number,
    offline: (d: DueDelivery) => boolean,
  ): Promise<DueDelivery[]> {
    const { claims } = this.deps;
    const reachable = due.filter((d) => !offline(d));
    const results = await claims.claimAll(
      reachable.map((d) => ({ speakerId: d.speaker.id, deliveryId: d.id })),
      definition.priority,
      playMs + CLAIM_SLACK_MS,
    );
    const busy = reachable.filter((_, i) => results[i]?.kind === 'busy');
    const claimed = reachable.filter((_, i) => results[i]?.kind !== 'busy');
    const taken = results.flatMap((r) => (r.kind === 'preempted' ? [r.from] : []));
    await Promise.all([
      this.preempt(taken, definition.title),
      this.note(
        due.filter((d) => offline(d)),
        'offline',
      ),
      this.note(busy, 'busy'),
    ]);
    return claimed;
  }

  /** Deliveries that could not be sent this time: pending, with why (written once, not every try). */
  private async note(deliveries: DueDelivery[], reason: string): Promise<void> {
    const changed = deliveries.filter((d) => !(d.reason === reason && d.state === 'pending'));
    if (changed.length === 0) return;
    await this.deps.db.broadcastDelivery.updateMany({
      where: { id: { in: changed.map((d) => d.id) }, state: { in: UNFINISHED } },
      data: { state: 'pending', reason },
    });
  }

  /**
   * Stops lower-priority deliveries on speakers an emergency took: they report preempted and never
   * resume. A paged group stops as one call, so every speaker on it is preempted with it.
   */
  private async preempt(deliveryIds: string[], by: string): Promise<void> {
    if (deliveryIds.length === 0) return;
    const { db, mqtt, calls, claims, logger } = this.deps;
    const taken = await db.broadcastDelivery.findMany({
      where: { id: { in: deliveryIds } },
      include: { speaker: true },
    });
    const callIds = [...new Set(taken.flatMap((d) => (d.callId ? [d.callId] : [])))];
    const onCalls = callIds.length
      ? await db.broadcastDelivery.findMany({
          where: { callId: { in: callIds }, state: { in: ['sent', 'playing'] } },
          include: { speaker: true },
        })
      : [];
    const stopped = [...new Map([...taken, ...onCalls].map((d) => [d.id, d])).values()];
    const takenIds = new Set(deliveryIds);
    const nowMs = this.now();
    await Promise.all(
      stopped.map(async (d) => {
        await db.broadcastDelivery.updateMany({
          where: { id: d.id, state: { in: ['pending', 'sent', 'playing'] } },
          data: {
            state: 'preempted',
            reason: `preempted by ${by}`,
            ...(d.startedAt ? { secondsPlayed: (nowMs - d.startedAt.getTime()) / 1000 } : {}),
          },
        });
        // A speaker the emergency took is its own now; the others on a stopped page are free.
        if (!takenIds.has(d.id)) await claims.release(d.speaker.id, d.id);
      }),
    );
    const stops = [
      ...callIds.map((callId) => calls.hangup(callId)),
      ...taken
        .filter((d) => !d.callId && d.speaker.kind === 'MQTT')
        .map((d) => mqtt.send(d.speaker.endpoint, { type: 'stop', deliveryId: d.id })),
    ];
    for (const outcome of await Promise.allSettled(stops)) {
      if (outcome.status === 'rejected') {
        logger.warn({ err: (outcome.reason as Error).message }, 'could not stop a preempted broadcast');
      }
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

  private async sendMqtt(claimed: DueDelivery[], broadcastId: string, definition: BroadcastDefinition) {
    if (claimed.length === 0) return;
    const { db, mqtt, links } = this.deps;
    const audio = await this.speakerAudio(broadcastId, definition);
    // Marked sent first: a fast speaker's `started` may arrive before the last command is out.
    await markSent(
      bulkSql(db),
      claimed.map((d) => d.id),
      new Date(this.now()),
    );
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
  private async pageSip(claimed: DueDelivery[], definition: BroadcastDefinition): Promise<void> {
    const open = new Map<string, { group: DueDelivery[]; size: number }>();
    const groups: DueDelivery[][] = [];
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

  private async pageGroup(group: DueDelivery[], definition: BroadcastDefinition): Promise<void> {
    const { db, calls, claims, logger } = this.deps;
    const callId = `page-${randomUUID()}`;
    const ids = group.map((d) => d.id);
    await db.broadcastDelivery.updateMany({
      where: { id: { in: ids }, state: { in: UNFINISHED } },
      data: { state: 'sent', sentAt: new Date(this.now()), callId, reason: null, attempts: { increment: 1 } },
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
      where: { broadcastId, state: { in: OPEN_DELIVERY_STATES } },
      include: { speaker: true },
    });
    await db.broadcastDelivery.updateMany({
      where: { id: { in: open.map((d) => d.id) }, state: { in: OPEN_DELIVERY_STATES } },
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
}
