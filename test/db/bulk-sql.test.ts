import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { observeBulkSql, type BulkSqlBehaviour } from './support/bulk-sql-behaviour';

const run = promisify(execFile);

/** Statements go to the driver, inside the Prisma transaction: they see its rows and roll back with it. */
const expected: BulkSqlBehaviour = {
  direct: 'driver',
  inTransaction: 'driver',
  sawUncommitted: 1,
  leftAfterRollback: 0,
  imported: {
    created: 2,
    registeredNow: true,
    warnings: ['3 phones +8613800138001'],
    phones: ['东1 +8613800138001', '东1 +8657188888888', '东2 +8613800138001'],
    members: ['东1 张三 ELDER', '东1 李四 RESIDENT', '东2 王五 RESIDENT'],
  },
  refused: { imported: false, errorRows: [3], householdsAfter: 2 },
};

describe('bulk statements sent to the driver itself', () => {
  const databases: TestDatabase[] = [];

  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('on PostgreSQL: run in the Prisma transaction, and a household import writes through them', async () => {
    const testDb = await createTestDatabase('bulk');
    databases.push(testDb);
    expect(await observeBulkSql(testDb.db)).toEqual(expected);
  });

  it('through a Prisma client whose driver it cannot reach: the same statements, through Prisma', async () => {
    const testDb = await createTestDatabase('bulk');
    databases.push(testDb);
    const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: testDb.url }) });
    try {
      expect(await observeBulkSql(unreachable)).toEqual({
        ...expected,
        direct: 'prisma',
        inTransaction: 'prisma',
      });
    } finally {
      await unreachable.$disconnect();
    }
  });

  it('on the embedded PGlite: the same', async () => {
    const printed = await run(
      'node',
      ['-r', '@swc-node/register', path.join(__dirname, 'pglite-bulk-sql.ts')],
      {
        timeout: 90_000,
      },
    );
    expect(JSON.parse(printed.stdout)).toEqual(expected);
  }, 90_000);
});
