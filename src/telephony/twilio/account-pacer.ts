import type { Redis } from 'ioredis';
import { TrunkCongested } from '../errors/trunk-congested';
import type { TwilioKeys } from './call-keys';

/** The longest a call waits for its start slot before it counts as congested (nothing rang). */
const MAX_WAIT_MS = 60_000;

/**
 * The account's calls per second, for every trunk and process at once: each call start books one slot
 * of 1/cps seconds in Redis (the first free one from now) and waits for it. Twilio would queue the
 * excess itself, but a queued call rings late and the queue has a limit; linli's dialer keeps its own
 * per-trunk pace on top of this.
 */
export class AccountPacer {
  private readonly slotMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly keys: TwilioKeys,
    cps: number,
  ) {
    this.slotMs = 1000 / cps;
  }

  /** Resolves at the call's slot; TrunkCongested when the next free one is too far away. */
  async wait(trunk: string): Promise<void> {
    const now = Date.now();
    let slot = Math.ceil(now / this.slotMs);
    for (;;) {
      const key = this.keys.cpsSlot(slot);
      const [[, taken]] = (await this.redis
        .multi()
        .incr(key)
        .pexpire(key, Math.ceil(this.slotMs) + MAX_WAIT_MS)
        .exec()) as [[Error | null, number], [Error | null, number]];
      if (taken === 1) break;
      slot += 1;
    }
    const waitMs = slot * this.slotMs - Date.now();
    if (waitMs > MAX_WAIT_MS) {
      throw new TrunkCongested(
        trunk,
        `the Twilio account's calls per second are booked for ${Math.round(waitMs / 1000)} s`,
      );
    }
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
