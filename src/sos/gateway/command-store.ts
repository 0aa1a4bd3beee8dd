import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CommandPayload } from '../card-protocol';

/** A command frame waiting for the card to confirm it (the card echoes `keyword`). */
interface PendingCommand {
  id: string;
  keyword: string;
  content: Buffer;
  enqueuedAt: number;
}

/**
 * Durable per-card command queue. Entries stay until the card acknowledges them, so a command
 * survives a dropped connection, a gateway restart, or the card connecting to another gateway
 * process.
 */
export interface CardCommandStore {
  /** Appends all payloads or none; fails with CommandQueueFullError past the per-card limit. */
  enqueue(imei: string, payloads: CommandPayload[]): Promise<PendingCommand[]>;
  /** Oldest first. */
  pending(imei: string): Promise<PendingCommand[]>;
  /** Removes and returns the oldest pending command with this keyword, if any. */
  acknowledge(imei: string, keyword: string): Promise<PendingCommand | null>;
}

export class CommandQueueFullError extends Error {
  constructor(imei: string, limit: number) {
    super(`card ${imei} already has ${limit} commands waiting; it has not been online to take them`);
    this.name = 'CommandQueueFullError';
  }
}

export interface RedisCommandStoreOptions {
  redis: Redis;
  /** Namespace for the keys, e.g. "linli"; keys are `<prefix>:card-commands:<imei>`. */
  keyPrefix: string;
  /** Default 50: enough for a full reconfiguration, small enough to notice a card that never comes back. */
  maxPendingPerCard?: number;
  /** A card that stays offline this long loses its queue (default 30 days). */
  retentionSeconds?: number;
}

interface StoredEntry {
  id: string;
  keyword: string;
  content: string;
  enqueuedAt: number;
}

// All-or-nothing append with a length cap, in one round trip.
const ENQUEUE_SCRIPT = `
local limit = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
if redis.call('LLEN', KEYS[1]) + (#ARGV - 2) > limit then return -1 end
for i = 3, #ARGV do redis.call('RPUSH', KEYS[1], ARGV[i]) end
redis.call('EXPIRE', KEYS[1], ttl)
return redis.call('LLEN', KEYS[1])
`;

// Removes the oldest entry whose keyword matches; entries are JSON written by this module.
const ACKNOWLEDGE_SCRIPT = `
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
for _, entry in ipairs(entries) do
  if cjson.decode(entry).keyword == ARGV[1] then
    redis.call('LREM', KEYS[1], 1, entry)
    return entry
  end
end
return false
`;

function toStored(entry: PendingCommand): string {
  const stored: StoredEntry = { ...entry, content: entry.content.toString('base64') };
  return JSON.stringify(stored);
}

function fromStored(json: string): PendingCommand {
  const stored = JSON.parse(json) as StoredEntry;
  return { ...stored, content: Buffer.from(stored.content, 'base64') };
}

export function createRedisCommandStore(options: RedisCommandStoreOptions): CardCommandStore {
  const { redis, keyPrefix } = options;
  const limit = options.maxPendingPerCard ?? 50;
  const retention = options.retentionSeconds ?? 30 * 24 * 3600;
  const key = (imei: string) => `${keyPrefix}:card-commands:${imei}`;

  return {
    async enqueue(imei, payloads) {
      const now = Date.now();
      const entries = payloads.map((p) => ({
        id: randomUUID(),
        keyword: p.keyword,
        content: p.content,
        enqueuedAt: now,
      }));
      const length = await redis.eval(
        ENQUEUE_SCRIPT,
        1,
        key(imei),
        limit,
        retention,
        ...entries.map(toStored),
      );
      if (length === -1) throw new CommandQueueFullError(imei, limit);
      return entries;
    },

    async pending(imei) {
      return (await redis.lrange(key(imei), 0, -1)).map(fromStored);
    },

    async acknowledge(imei, keyword) {
      const entry = (await redis.eval(ACKNOWLEDGE_SCRIPT, 1, key(imei), keyword)) as string | null;
      return entry === null ? null : fromStored(entry);
    },
  };
}
