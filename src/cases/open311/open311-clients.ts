import { randomBytes } from 'node:crypto';
import { hashToken } from '../../api/auth/tokens';
import type { Db } from '../../db/client';

/** Creates an Open311 client; its API key is returned once and only its hash is kept. */
export async function createOpen311Client(db: Db, name: string): Promise<{ id: string; apiKey: string }> {
  const apiKey = `o311_${randomBytes(24).toString('base64url')}`;
  const row = await db.open311Client.create({
    data: { name, keyHash: hashToken(apiKey) },
    select: { id: true },
  });
  return { id: row.id, apiKey };
}

/** The client an API key belongs to, or null for an unknown or revoked key. */
export async function open311ClientByKey(db: Db, apiKey: string | undefined): Promise<{ id: string } | null> {
  if (!apiKey) return null;
  return db.open311Client.findFirst({
    where: { keyHash: hashToken(apiKey), revokedAt: null },
    select: { id: true },
  });
}
