import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../src/db/apply-migrations';
import { openDatabase, type DbHandle } from '../../src/db/client';

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends DbHandle {
  url: string;
  /** Closes the client and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated PostgreSQL database of its own for one test file. */
export async function createTestDatabase(label = 't'): Promise<TestDatabase> {
  const name = `linli_${label}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await applyMigrations({
    exec: async (sql) => void (await client.query(sql)),
    query: async (sql, params) => (await client.query(sql, params)).rows as Record<string, unknown>[],
  });
  await client.end();
  const handle = await openDatabase(url);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
