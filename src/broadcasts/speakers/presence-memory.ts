import type { Redis } from '../../queue/redis';

/** How long a device's last presence is remembered for a speaker registered after it reported. */
const REMEMBER_S = 7 * 24 * 3600;

/**
 * The last presence each MQTT device reported, by device id, whether or not it is registered yet: a
 * speaker installed and powered on before a cadre registers it is known online from the start.
 */
export class PresenceMemory {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(deviceId: string): string {
    return `${this.prefix}:broadcasts:presence:${deviceId}`;
  }

  /** Several devices' presence in one round trip. */
  async rememberAll(seen: readonly { deviceId: string; online: boolean; atMs: number }[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const s of seen)
      pipeline.set(this.key(s.deviceId), `${s.online ? 1 : 0}:${s.atMs}`, 'EX', REMEMBER_S);
    await pipeline.exec();
  }

  async recall(deviceId: string): Promise<{ online: boolean; lastSeenAt: Date | null }> {
    const value = await this.redis.get(this.key(deviceId));
    const m = value ? /^([01]):(\d+)$/.exec(value) : null;
    if (!m) return { online: false, lastSeenAt: null };
    return { online: m[1] === '1', lastSeenAt: new Date(Number(m[2])) };
  }
}
