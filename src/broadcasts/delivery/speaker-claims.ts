import { LuaScript } from '../../queue/lua-script';
import type { Redis } from '../../queue/redis';
import { priorityRank, type Priority } from '../domain/priority';

const CLAIM = new LuaScript(__dirname, 'claim-speaker.lua');
const RELEASE = new LuaScript(__dirname, 'release-speaker.lua');

export type ClaimResult =
  | { kind: 'claimed' }
  /** Taken from a lower-priority delivery, which the caller must stop. */
  | { kind: 'preempted'; from: string }
  | { kind: 'busy'; by: string };

/**
 * Which delivery each speaker plays now, in Redis so every worker sees the same: a speaker plays one
 * broadcast at a time, and a claim lapses on its own when a speaker never reports its end.
 */
export class SpeakerClaims {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(speakerId: string): string {
    return `${this.prefix}:broadcasts:speaker:${speakerId}`;
  }

  /** Claims each speaker for its delivery, at one priority, in one round trip; results in order. */
  async claimAll(
    wanted: readonly { speakerId: string; deliveryId: string }[],
    priority: Priority,
    ttlMs: number,
  ): Promise<ClaimResult[]> {
    if (wanted.length === 0) return [];
    const flat = (await CLAIM.run(
      this.redis,
      wanted.map((w) => this.key(w.speakerId)),
      [
        String(priorityRank(priority)),
        String(Math.max(1000, Math.round(ttlMs))),
        ...wanted.map((w) => w.deliveryId),
      ],
    )) as string[];
    return wanted.map((_, i): ClaimResult => {
      const kind = flat[2 * i];
      const other = flat[2 * i + 1] ?? '';
      if (kind === 'busy') return { kind, by: other };
      if (kind === 'preempted') return { kind, from: other };
      return { kind: 'claimed' };
    });
  }

  async release(speakerId: string, deliveryId: string): Promise<void> {
    await this.releaseAll([{ speakerId, deliveryId }]);
  }

  /** Frees each speaker its delivery still holds, in one round trip. */
  async releaseAll(held: readonly { speakerId: string; deliveryId: string }[]): Promise<void> {
    if (held.length === 0) return;
    await RELEASE.run(
      this.redis,
      held.map((h) => this.key(h.speakerId)),
      held.map((h) => h.deliveryId),
    );
  }
}
