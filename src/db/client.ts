import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations, type SqlRunner } from './apply-migrations';

export type Db = PrismaClient;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * postgresql:// connects to a server migrated by `prisma migrate deploy`; pglite://<folder> opens the
 * embedded database (same PostgreSQL schema) and applies the committed migrations itself.
 */
export async function openDatabase(url: string): Promise<DbHandle> {
  if (url.startsWith('pglite://')) return openPglite(url.slice('pglite://'.length));
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  await db.$connect();
  return { db, kind: 'postgres', close: () => db.$disconnect() };
}

async function openPglite(folder: string): Promise<DbHandle> {
  const dir = folder === '' || folder === 'memory' ? undefined : path.resolve(folder);
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  const runner: SqlRunner = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async (sql, params) => (await pglite.query<Record<string, unknown>>(sql, params)).rows,
  };
  await applyMigrations(runner);
  // PGlite learns array types at start-up; the migrations' enum arrays (Role[]) come later.
  await pglite.refreshArrayTypes();
  // The adapter is typed against an older driver-adapter-utils; the runtime contract is the same.
  const adapter = new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory;
  const db = new PrismaClient({ adapter });
  await db.$connect();
  return {
    db,
    kind: 'pglite',
    // PGlite keeps the event loop alive until closed.
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}
