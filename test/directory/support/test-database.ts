import { Client } from 'pg';
import { applyMigrations } from '../../../src/db/apply-migrations';
import { openDatabase, type Db } from '../../../src/db/client';

const SERVER = 'postgresql://postgres@127.0.0.1:5432';

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A freshly migrated PostgreSQL database of its own, so test files (and engineers) never share data. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `linli_test_${label}_${process.pid}_${Date.now().toString(36)}`;
  const url = `${SERVER}/${name}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const migrator = new Client({ connectionString: url });
  await migrator.connect();
  try {
    await applyMigrations({
      exec: async (sql) => void (await migrator.query(sql)),
      query: async (sql, params) => (await migrator.query(sql, params)).rows,
    });
  } finally {
    await migrator.end();
  }
  const handle = await openDatabase(url);
  return {
    db: handle.db,
    url,
    drop: async () => {
      await handle.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
