import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function tables(
  query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>,
): Promise<string[]> {
  const { rows } = await query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => String(r.table_name));
}

describe('committed migrations', () => {
  const name = `linli_migrate_${randomBytes(4).toString('hex')}`;
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('apply to an empty PostgreSQL with the Prisma CLI, offline, and again as a no-op', async () => {
    const env = { ...process.env, DATABASE_URL: url };
    const first = await run('npx', ['prisma', 'migrate', 'deploy'], { env, timeout: 120_000 });
    expect(first.stdout).toMatch(/successfully applied/i);
    const again = await run('npx', ['prisma', 'migrate', 'deploy'], { env, timeout: 120_000 });
    expect(again.stdout).toMatch(/No pending migrations/i);
  }, 180_000);

  it('give the embedded database the same tables as PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const onPostgres = await tables((sql) => client.query(sql));
    await client.end();
    const printed = await run(
      'node',
      ['-r', '@swc-node/register', path.join(__dirname, 'print-pglite-tables.ts')],
      {
        timeout: 60_000,
      },
    );
    expect(JSON.parse(printed.stdout)).toEqual(onPostgres);
    expect(onPostgres).toEqual(
      expect.arrayContaining(['Area', 'Household', 'Call', 'Campaign', 'SosIncident']),
    );
  }, 60_000);
});
