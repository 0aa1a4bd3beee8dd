import type { TrunkConfig } from '../config/telephony-config';
import type { Logger } from '../logging';
import type { Redis } from '../queue/redis';
import type { CallControl, Unsubscribe } from './call-control';
import { TrunkCongested } from './errors/trunk-congested';
import { claimCallToEnd } from './preemption-claim';
import { Q850 } from './q850';
import {
  channelLimit,
  classifyPlacing,
  parseTakeReply,
  placingUpkeep,
  priorityRank,
  type CallPriority,
  type OwnPlacing,
  type TakeReply,
  wasNotPlaced,
} from './trunk-budget-rules';
import { refreshScript, takeScript } from './trunk-budget-scripts';

/** Calls a capability lets go when an SOS call needs their channel (campaign calls). */
export interface PreemptibleCalls {
  /** Calls in progress on the trunk that may be ended, the one to end first first. */
  candidates(trunk: string): Promise<string[]>;
  /** Records, before the hangup, that this call was ended for an SOS, so nobody is charged for it. */
  markPreempted(callId: string): Promise<void>;
}

/** How long a call being placed counts after its process last vouched for it (a crashed process's lapse). */
const PLACING_TTL_MS = 5_000;
/** Longer than any originate takes to show its channel: an entry still placing then was a failure nobody reported. */
const MAX_PLACING_MS = 30_000;
/** How long a waiting call holds its place in the queue after its process last asked. */
const WAITING_TTL_MS = 3_000;
/** A waiting call asks again at least this often (a channel given back elsewhere raises no engine event). */
const WAIT_POLL_MS = 250;
/** How long a preempted call may take to end before the SOS call goes out anyway. */
const PREEMPTED_END_MS = 2_000;
/** After this many classifications the take counts calls it has not seen as placing (conservative). */
const CLASSIFY_TRIES = 3;

export interface TrunkBudgetOptions {
  logger: Logger;
  /** Where every linli process keeps the calls being placed and waiting on each trunk. */
  redis: Redis;
  /** Redis key prefix of this installation. */
  prefix: string;
  /** How long an escalation call waits for a free channel before it counts as not placed (congested). */
  escalationWaitMs?: number;
  /** How long a call being placed counts after its process last vouched for it (tests shorten it). */
  placingTtlMs?: number;
}

/**
 * Every call takes a channel from its trunk's budget, shared by every linli process through Redis.
 * The trunk's use is what the engine shows (all calls on the trunk, whichever process placed them, inbound
 * ones too) plus the calls being placed, by any process, whose channel does not show yet. Hotline and
 * escalation calls (single calls, inactivity visits, the duty worker of an urgent hotline call) wait,
 * hotline first then by arrival, for a channel below `channels - reserved`; a campaign call takes one
 * below that only when no such call waits, else its job comes back later; an SOS call never waits: it
 * may use the reserved channels, and when every channel is busy the least important campaign call is
 * ended (Q.850 8, preemption; its household is not charged).
 *
 * A call being placed counts from its take until it ends (its `ended` event, a failed originate's
 * included), it is given back (`release`, an originate that threw), or its entry lapses: the placing
 * process pushes the entry forward while its originate is under way, so a crashed process's entries
 * are gone within seconds.
 */
export class TrunkBudget {
  private readonly trunks = new Map<string, TrunkConfig>();
  private readonly sources: PreemptibleCalls[] = [];
  /** Calls this process took a channel for, until they end or their entry lapses. */
  private readonly own = new Map<string, OwnPlacing>();
  /** The calls being placed on each trunk as Redis last listed them, to classify before asking. */
  private readonly lastMembers = new Map<string, string[]>();
  private readonly logger: Logger;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly escalationWaitMs: number;
  private readonly placingTtlMs: number;
  private heartbeat: NodeJS.Timeout | undefined;
  /** The last refresh of this process's entries failed (Redis away). */
  private refreshFailing = false;
  private readonly stopFollowing: Unsubscribe;

  constructor(
    private readonly calls: CallControl,
    trunks: readonly TrunkConfig[],
    options: TrunkBudgetOptions,
  ) {
    for (const trunk of trunks) this.trunks.set(trunk.name, trunk);
    this.logger = options.logger;
    this.redis = options.redis;
    this.prefix = options.prefix;
    this.escalationWaitMs = options.escalationWaitMs ?? 30_000;
    this.placingTtlMs = options.placingTtlMs ?? PLACING_TTL_MS;
    this.stopFollowing = calls.onCallEvent((event) => {
      if (event.type === 'ended') void this.forget(event.callId);
    });
  }

  /** Stops following the engine's calls; entries of calls still placing lapse on their own. */
  close(): void {
    this.stopFollowing();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** A capability whose calls may be ended for an SOS call. */
  allowPreemption(source: PreemptibleCalls): void {
    this.sources.push(source);
  }

  /**
   * Resolves when the call `callId` of this priority may be placed on the trunk now; it counts from then
   * on. Checked and counted in one step in Redis, so two calls at the same moment, in one process or in
   * two, never both find the last channel free.
   */
  async take(trunkName: string, priority: CallPriority, callId: string): Promise<void> {
    const trunk = this.trunks.get(trunkName);
    if (!trunk) return;
    if (priority === 'sos') {
      const inUse = await this.ask(trunk, priority, callId, false).then(
        (reply) => reply.inUse,
        (error: Error) => {
          // Redis unreachable: the SOS call still goes out, within what the engine shows.
          this.logger.error({ trunk: trunk.name, callId, err: error.message }, 'trunk budget: Redis failed');
          return this.calls.channelsInUse(trunk.name);
        },
      );
      // An SOS call never waits: it counts already, and ends a campaign call to get under the limit.
      if (inUse >= trunk.channels) await this.preemptOne(trunk);
      return;
    }
    const deadline = Date.now() + this.escalationWaitMs;
    while ((await this.ask(trunk, priority, callId, true)).kind !== 'taken') {
      const left = deadline - Date.now();
      if (left <= 0) {
        await this.leaveQueue(trunk.name, callId);
        throw new TrunkCongested(trunk.name, `no channel free within ${this.escalationWaitMs / 1000} s`);
      }
      await this.nextEnd(Math.min(left, WAIT_POLL_MS));
    }
  }

  /**
   * Takes a channel for the campaign call `callId` if one is free below the reserved ones and no hotline
   * or escalation call waits for it; true when it counts from now on, like `take`. Never waits: a
   * campaign's job on a full trunk is delayed and asks again.
   */
  async takeForCampaign(trunkName: string, callId: string): Promise<boolean> {
    const trunk = this.trunks.get(trunkName);
    if (!trunk) return true;
    return (await this.ask(trunk, 'campaign', callId, false)).kind === 'taken';
  }

  /**
   * After a take whose originate threw `error`: when nothing rang (not dialled, an invalid request) the
   * call's channel is free at once, in every process. A call that may be ringing (outcome unknown) keeps
   * counting until it ends or its channel shows. Never throws.
   */
  async release(callId: string, error: unknown): Promise<void> {
    if (wasNotPlaced(error)) await this.forget(callId);
  }

  /** Frees, in every process at once, the channel of a call that stopped before its originate. Never throws. */
  async giveBack(callId: string): Promise<void> {
    await this.forget(callId);
  }

  /** `queue`: whether a call that finds no channel free takes its place among the calls waiting. */
  private async ask(
    trunk: TrunkConfig,
    priority: CallPriority,
    callId: string,
    queue: boolean,
  ): Promise<Exclude<TakeReply, { kind: 'unknown' }>> {
    for (let tries = 1; ; tries++) {
      const members = this.lastMembers.get(trunk.name) ?? [];
      const { shown, placing } = classifyPlacing(members, callId, (id) => this.calls.isLive(id));
      const { placing: placingKey, waiting, waitingUntil } = this.keys(trunk.name);
      const reply = parseTakeReply(
        await takeScript.run(
          this.redis,
          [placingKey, waiting, waitingUntil],
          [
            callId,
            channelLimit(trunk, priority),
            this.calls.channelsInUse(trunk.name),
            priorityRank(priority),
            this.placingTtlMs,
            WAITING_TTL_MS,
            tries >= CLASSIFY_TRIES ? '1' : '0',
            queue ? '1' : '0',
            shown.length,
            ...shown,
            ...placing,
          ],
        ),
      );
      if (reply.kind !== 'taken') {
        this.lastMembers.set(trunk.name, reply.members);
        if (reply.kind === 'unknown') continue;
        return reply;
      }
      this.lastMembers.set(trunk.name, [...reply.members.filter((id) => id !== callId), callId]);
      const now = Date.now();
      this.own.set(callId, { trunk: trunk.name, takenAt: now, refreshedAt: now, refreshing: true });
      this.startHeartbeat();
      return reply;
    }
  }

  /** The trunk's calls being placed, calls waiting, and when each waiting call lapses. */
  private keys(trunk: string): { placing: string; waiting: string; waitingUntil: string } {
    const base = `${this.prefix}:trunk-budget:${trunk}`;
    return { placing: `${base}:placing`, waiting: `${base}:waiting`, waitingUntil: `${base}:waiting-until` };
  }

  private async leaveQueue(trunk: string, callId: string): Promise<void> {
    const { waiting, waitingUntil } = this.keys(trunk);
    await this.redis.multi().zrem(waiting, callId).zrem(waitingUntil, callId).exec();
  }

  /** Stops counting a call this process took a channel for (it ended, or was never placed). */
  private async forget(callId: string): Promise<void> {
    const entry = this.own.get(callId);
    if (!entry) return;
    this.own.delete(callId);
    try {
      await this.redis.zrem(this.keys(entry.trunk).placing, callId);
    } catch (error) {
      // Its entry lapses on its own within seconds.
      this.logger.warn({ callId, err: (error as Error).message }, 'trunk budget: could not free a channel');
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => void this.upkeep(), Math.max(50, this.placingTtlMs / 5));
    this.heartbeat.unref();
  }

  private async upkeep(): Promise<void> {
    const now = Date.now();
    const limits = { ttlMs: this.placingTtlMs, maxPlacingMs: MAX_PLACING_MS };
    const upkeep = placingUpkeep(this.own, now, limits, (id) => this.calls.isLive(id));
    for (const callId of upkeep.lapsed) this.own.delete(callId);
    for (const callId of [...upkeep.shown, ...upkeep.overdue]) {
      const entry = this.own.get(callId);
      if (entry) entry.refreshing = false;
    }
    if (upkeep.overdue.length > 0) {
      this.logger.warn(
        { calls: upkeep.overdue },
        'trunk budget: calls still placing after 30 s stop counting',
      );
    }
    if (this.own.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
    for (const [trunk, ids] of upkeep.refresh) {
      try {
        await refreshScript.run(this.redis, [this.keys(trunk).placing], [this.placingTtlMs, ...ids]);
        for (const id of ids) {
          const entry = this.own.get(id);
          if (entry) entry.refreshedAt = now;
        }
        if (this.refreshFailing) this.logger.info({ trunk }, 'trunk budget: calls counted again');
        this.refreshFailing = false;
      } catch (error) {
        // Said once per outage, not at every beat.
        if (!this.refreshFailing) {
          this.logger.warn(
            { trunk, err: (error as Error).message },
            'trunk budget: could not keep calls counted',
          );
        }
        this.refreshFailing = true;
      }
    }
  }

  private async preemptOne(trunk: TrunkConfig): Promise<void> {
    try {
      for (const source of this.sources) {
        for (const callId of await source.candidates(trunk.name)) {
          if (!this.calls.isLive(callId)) continue;
          if (!(await claimCallToEnd(this.redis, this.prefix, trunk.name, callId))) continue;
          await source.markPreempted(callId);
          const ended = this.nextEnd(PREEMPTED_END_MS, callId);
          await this.calls.hangup(callId, Q850.PREEMPTION).catch(() => undefined);
          await ended;
          this.logger.info(
            { trunk: trunk.name, callId },
            'campaign call ended to free a channel for an SOS call',
          );
          return;
        }
      }
      this.logger.warn(
        { trunk: trunk.name },
        'trunk full and no campaign call to end: the SOS call goes out anyway',
      );
    } catch (error) {
      // Whatever went wrong freeing a channel, the SOS call is still placed.
      this.logger.error(
        { trunk: trunk.name, err: (error as Error).message },
        'could not free a channel for an SOS call',
      );
    }
  }

  /** Resolves when a call ends (this one, or any when none is named), or after `timeoutMs`. */
  private nextEnd(timeoutMs: number, callId?: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const stop = this.calls.onCallEvent((event) => {
        if (event.type === 'ended' && (callId === undefined || event.callId === callId)) done();
      });
      function done() {
        clearTimeout(timer);
        stop();
        resolve();
      }
    });
  }
}
