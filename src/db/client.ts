import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client';
import { applyMigrations, type SqlRunner } from './apply-migrations';
import { reachablePglite, reachPgPool } from './bulk-sql';

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
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  reachPgPool(db, pool);
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
  const reachable = reachablePglite(pglite);
  const adapter = new PrismaPGlite(reachable.client) as unknown as SqlDriverAdapterFactory;
  const db = new PrismaClient({ adapter });
  reachable.reach(db);
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
