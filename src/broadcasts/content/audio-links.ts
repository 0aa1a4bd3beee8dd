import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from '../../queue/redis';

/** What a signed audio link lets one speaker fetch, until when. */
export interface AudioGrant {
  broadcastId: string;
  deliveryId: string;
  deviceId: string;
  expiresMs: number;
}

function signature(secret: Buffer, grant: AudioGrant): Buffer {
  return createHmac('sha256', secret)
    .update(`${grant.broadcastId}\n${grant.deliveryId}\n${grant.deviceId}\n${grant.expiresMs}`)
    .digest();
}

/**
 * Links to a broadcast's audio, each good for one speaker and one delivery until the broadcast expires.
 * The signing key is made once per installation and kept in Redis, so every linli process signs and
 * checks alike and no secret needs configuring.
 */
export class AudioLinks {
  private secret: Promise<Buffer> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(): Promise<Buffer> {
    this.secret ??= (async () => {
      const name = `${this.prefix}:broadcasts:audio-link-key`;
      await this.redis.set(name, randomBytes(32).toString('hex'), 'NX');
      const stored = await this.redis.get(name);
      if (!stored) throw new Error('the audio link key vanished from Redis');
      return Buffer.from(stored, 'hex');
    })();
    return this.secret;
  }

  async url(baseUrl: string, grant: AudioGrant): Promise<string> {
    const sig = signature(await this.key(), grant).toString('hex');
    const query = new URLSearchParams({
      broadcast: grant.broadcastId,
      speaker: grant.deviceId,
      expires: String(grant.expiresMs),
      sig,
    });
    return `${baseUrl}/speaker-audio/${encodeURIComponent(grant.deliveryId)}?${query.toString()}`;
  }

  /** Whether the link's signature is good and it has not expired. */
  async verify(grant: AudioGrant, sigHex: string, nowMs: number): Promise<boolean> {
    if (!/^[0-9a-f]{64}$/.test(sigHex) || !(grant.expiresMs > nowMs)) return false;
    return timingSafeEqual(signature(await this.key(), grant), Buffer.from(sigHex, 'hex'));
  }
}
