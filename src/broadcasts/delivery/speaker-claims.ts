import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from '../../queue/redis';
import { priorityRank, type Priority } from '../domain/priority';

const CLAIM = readFileSync(path.join(__dirname, 'claim-speaker.lua'), 'utf8');
const RELEASE = readFileSync(path.join(__dirname, 'release-speaker.lua'), 'utf8');

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

  async claim(
    speakerId: string,
    deliveryId: string,
    priority: Priority,
    ttlMs: number,
  ): Promise<ClaimResult> {
    const [kind, other] = (await this.redis.eval(
      CLAIM,
      1,
      this.key(speakerId),
      deliveryId,
      String(priorityRank(priority)),
      String(Math.max(1000, Math.round(ttlMs))),
    )) as [string, string];
    if (kind === 'busy') return { kind, by: other };
    if (kind === 'preempted') return { kind, from: other };
    return { kind: 'claimed' };
  }

  async release(speakerId: string, deliveryId: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(speakerId), deliveryId);
  }
}
