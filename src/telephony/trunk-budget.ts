import type { Redis } from 'ioredis';
import type { TrunkConfig } from '../config/telephony-config';
import type { Logger } from '../logging';
import type { CallControl } from './call-control';
import { TrunkCongested } from './errors/trunk-congested';
import { Q850 } from './q850';

/**
 * What a call is for, most important first. Campaign calls are paced by the campaign queue within
 * `channels - reserved`; the others take their channel here.
 */
export type CallPriority = 'sos' | 'hotline' | 'escalation';

/** Calls a capability lets go when an SOS call needs their channel (campaign calls). */
export interface PreemptibleCalls {
  /** Calls in progress on the trunk that may be ended, the one to end first first. */
  candidates(trunk: string): Promise<string[]>;
  /** Records, before the hangup, that this call was ended for an SOS, so nobody is charged for it. */
  markPreempted(callId: string): Promise<void>;
}

/** How long a call counts from its take while its channel does not show (an originate that failed). */
const PLACING_MS = 5_000;
/** How long a preempted call may take to end before the SOS call goes out anyway. */
const PREEMPTED_END_MS = 2_000;

// KEYS: the trunk's calls being placed (zset: call id → until when it counts). ARGV: now, until, call id,
// limit, channels the engine shows in use, force (1: take even at the limit), then the placed calls whose
// channel the engine shows now (they count there, not here). Returns 1 when the call took a channel.
const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for i = 7, #ARGV do redis.call('ZREM', KEYS[1], ARGV[i]) end
if ARGV[6] ~= '1' and tonumber(ARGV[5]) + redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], 60000)
return 1
`;

export interface TrunkBudgetOptions {
  logger: Logger;
  /** Calls being placed are counted in Redis, so every linli process sees the others' (see take). */
  redis: Redis;
  prefix: string;
  /** How long an escalation call waits for a free channel before it counts as not placed (congested). */
  escalationWaitMs?: number;
}

/**
 * Every call takes a channel from its trunk's shared budget, counted by the engine itself (all calls on
 * the trunk, whichever process placed them, inbound ones too). Campaigns stay within `channels -
 * reserved`; an escalation or hotline call (single calls, inactivity visits, the duty worker of an urgent
 * hotline call) waits for a channel below that; an SOS
 * call never waits: it may use the reserved channels, and when every channel is busy the least
 * important campaign call is ended (Q.850 8, preemption; its household is not charged) to free one.
 */
export class TrunkBudget {
  private readonly trunks = new Map<string, TrunkConfig>();
  private readonly sources: PreemptibleCalls[] = [];
  private readonly takes = new Map<string, Promise<void>>();
  private readonly logger: Logger;
  private readonly escalationWaitMs: number;

  constructor(
    private readonly calls: CallControl,
    trunks: readonly TrunkConfig[],
    private readonly options: TrunkBudgetOptions,
  ) {
    for (const trunk of trunks) this.trunks.set(trunk.name, trunk);
    this.logger = options.logger;
    this.escalationWaitMs = options.escalationWaitMs ?? 30_000;
  }

  /** A capability whose calls may be ended for an SOS call. */
  allowPreemption(source: PreemptibleCalls): void {
    this.sources.push(source);
  }

  /**
   * Resolves when the call `callId` of this priority may be placed on the trunk now. A call counts from
   * its take until the engine shows its channel, in Redis, checked and counted in one step: two SOS calls
   * at the same moment, in one process or in two, never both find the last channel free. A process takes
   * its own decisions on a trunk one after the other, so its SOS calls end one campaign call each.
   */
  async take(trunkName: string, priority: CallPriority, callId: string): Promise<void> {
    const trunk = this.trunks.get(trunkName);
    if (!trunk) return;
    const deadline = Date.now() + this.escalationWaitMs;
    while (!(await this.serially(trunk.name, () => this.tryTake(trunk, priority, callId)))) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new TrunkCongested(trunk.name, `no channel free within ${this.escalationWaitMs / 1000} s`);
      await this.nextEnd(left);
    }
  }

  private async tryTake(trunk: TrunkConfig, priority: CallPriority, callId: string): Promise<boolean> {
    const limit = priority === 'sos' ? trunk.channels : trunk.channels - trunk.reserved;
    if (await this.count(trunk, callId, limit, false)) return true;
    // An SOS call never waits: it ends a campaign call instead.
    if (priority !== 'sos') return false;
    await this.preemptOne(trunk);
    return this.count(trunk, callId, limit, true);
  }

  /** Counts the call as being placed if the trunk has a channel below `limit` (or anyway, `force`). */
  private async count(trunk: TrunkConfig, callId: string, limit: number, force: boolean): Promise<boolean> {
    const key = `${this.options.prefix}:trunks:${trunk.name}:placing`;
    const shown = (await this.options.redis.zrange(key, '0', '-1')).filter((id) => this.calls.isLive(id));
    const now = Date.now();
    const taken = await this.options.redis.eval(
      TAKE,
      1,
      key,
      now,
      now + PLACING_MS,
      callId,
      limit,
      this.calls.channelsInUse(trunk.name),
      force ? 1 : 0,
      ...shown,
    );
    return taken === 1;
  }

  private serially<T>(trunk: string, step: () => Promise<T>): Promise<T> {
    const run = (this.takes.get(trunk) ?? Promise.resolve()).catch(() => undefined).then(step);
    this.takes.set(
      trunk,
      run.then(
        () => undefined,
        () => undefined,
      ),
    );
    return run;
  }

  private async preemptOne(trunk: TrunkConfig): Promise<void> {
    try {
      for (const source of this.sources) {
        for (const callId of await source.candidates(trunk.name)) {
          if (!this.calls.isLive(callId)) continue;
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
