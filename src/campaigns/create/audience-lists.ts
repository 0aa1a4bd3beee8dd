import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AudienceListRow } from './parse-audience-list';

export interface StoredAudienceList {
  id: string;
  createdBy: string;
  createdAt: string;
  rows: AudienceListRow[];
}

/** A list is uploaded just before the campaign that uses it; a week is ample to create that campaign. */
const LIST_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Uploaded number lists, kept in Redis until a campaign copies them into its targets (the database has no
 * table for lists that no campaign uses yet).
 */
export class AudienceLists {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(id: string): string {
    return `${this.prefix}:campaigns:audience-list:${id}`;
  }

  async save(rows: AudienceListRow[], createdBy: string): Promise<StoredAudienceList> {
    const list = { id: randomUUID(), createdBy, createdAt: new Date().toISOString(), rows };
    await this.redis.set(this.key(list.id), JSON.stringify(list), 'EX', LIST_TTL_SECONDS);
    return list;
  }

  async get(id: string): Promise<StoredAudienceList | null> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    const raw = await this.redis.get(this.key(id));
    return raw === null ? null : (JSON.parse(raw) as StoredAudienceList);
  }
}
