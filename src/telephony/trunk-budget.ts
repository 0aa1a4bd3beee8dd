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

export interface TrunkBudgetOptions {
  logger: Logger;
  /** How long an escalation call waits for a free channel before it counts as not placed (congested). */
  escalationWaitMs?: number;
}

/**
 * Every call takes a channel from its trunk's shared budget, counted by the engine itself (all calls on
 * the trunk, whichever process placed them, inbound ones too). Campaigns stay within `channels -
 * reserved`; an escalation call (single calls, inactivity visits) waits for a channel below that; an SOS
 * call never waits: it may use the reserved channels, and when every channel is busy the least
 * important campaign call is ended (Q.850 8, preemption; its household is not charged) to free one.
 */
export class TrunkBudget {
  private readonly trunks = new Map<string, TrunkConfig>();
  private readonly sources: PreemptibleCalls[] = [];
  private readonly takes = new Map<string, Promise<void>>();
  /** Calls taken in this process that the engine does not show yet, with when to stop counting them. */
  private readonly placingByTrunk = new Map<string, Map<string, number>>();
  private readonly logger: Logger;
  private readonly escalationWaitMs: number;

  constructor(
    private readonly calls: CallControl,
    trunks: readonly TrunkConfig[],
    options: TrunkBudgetOptions,
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
   * Resolves when the call `callId` of this priority may be placed on the trunk now. Decisions on one
   * trunk are taken one after the other, and a call counts from its take until the engine shows its
   * channel, so two SOS calls at the same moment never both find the last channel free.
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
    if (this.inUse(trunk) >= limit) {
      // An SOS call never waits: it ends a campaign call instead.
      if (priority !== 'sos') return false;
      await this.preemptOne(trunk);
    }
    this.placing(trunk.name).set(callId, Date.now() + PLACING_MS);
    return true;
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

  /** Channels the engine shows, plus calls taken here whose channel it does not show yet. */
  private inUse(trunk: TrunkConfig): number {
    const placing = this.placing(trunk.name);
    const now = Date.now();
    for (const [callId, until] of placing) {
      if (until < now || this.calls.isLive(callId)) placing.delete(callId);
    }
    return this.calls.channelsInUse(trunk.name) + placing.size;
  }

  private placing(trunk: string): Map<string, number> {
    let calls = this.placingByTrunk.get(trunk);
    if (!calls) {
      calls = new Map();
      this.placingByTrunk.set(trunk, calls);
    }
    return calls;
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
