import { bulkSql, bulkSqlInTransaction } from '../../../src/db/bulk-sql';
import type { Db } from '../../../src/db/client';
import { importHouseholds } from '../../../src/directory/import/import-households';
import { seedAreas } from '../../directory/support/area-fixture';

const NUMBER = '+8613800138000';

/** What the bulk statements did on one database, as JSON: the same on PostgreSQL and on PGlite. */
export interface BulkSqlBehaviour {
  direct: 'driver' | 'prisma';
  inTransaction: 'driver' | 'prisma';
  /** Rows the driver saw of one the transaction had written through Prisma, not yet committed. */
  sawUncommitted: number;
  /** Rows left after the transaction threw: both its Prisma and its driver writes undone. */
  leftAfterRollback: number;
  imported: {
    created: number;
    /** Whether every household's registration time is the import's, whatever the session's time zone. */
    registeredNow: boolean;
    warnings: string[];
    phones: string[];
    members: string[];
  };
  refused: { imported: boolean; errorRows: number[]; householdsAfter: number };
}

const countOf = async (db: Db) => (await db.doNotCall.count()) + (await db.household.count());

/** Runs on a fresh, migrated database; leaves areas and households behind. */
export async function observeBulkSql(db: Db): Promise<BulkSqlBehaviour> {
  let inTransaction: BulkSqlBehaviour['inTransaction'] = 'prisma';
  let sawUncommitted = -1;
  await db
    .$transaction(async (tx) => {
      await tx.doNotCall.create({ data: { e164: NUMBER, reason: 'test', createdBy: 'test' } });
      const sql = await bulkSqlInTransaction(db, tx);
      inTransaction = sql.via;
      const [seen] = await sql.query<{ n: number }>(
        'SELECT count(*)::int AS "n" FROM "DoNotCall" WHERE "e164" = $1',
        [NUMBER],
      );
      sawUncommitted = seen?.n ?? -1;
      await sql.query(`INSERT INTO "DoNotCall" ("e164", "reason", "createdBy") VALUES ($1, 'test', 'test')`, [
        '+8613900139000',
      ]);
      throw new Error('undo');
    })
    .catch((error: Error) => {
      if (error.message !== 'undo') throw error;
    });
  const leftAfterRollback = await countOf(db);

  await seedAreas(db);
  const header = 'village,grid,household_ref,address,latitude,longitude,phones,members,tags';
  const file = (...rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n', 'utf8');
  const everything = { mode: 'all-or-nothing', encoding: 'auto', scopeAreaId: null } as const;
  const importedAt = Date.now();
  const report = await importHouseholds(
    db,
    file(
      '东村,一组,东1,东巷1号,30.27,120.15,"13800138001;0571-8888 8888",张三:老人;李四,独居',
      '东村,二组,东2,东巷2号,,,13800138001,王五,',
    ),
    everything,
  );
  const households = await db.household.findMany({
    include: { phones: { orderBy: { priority: 'asc' } }, members: { orderBy: { name: 'asc' } } },
    orderBy: { externalRef: 'asc' },
  });
  const refusal = await importHouseholds(
    db,
    file('东村,一组,东3,东巷3号,,,13800138003,,', '东村,一组,东4,东巷4号,,,12345,,'),
    everything,
  );
  return {
    direct: bulkSql(db).via,
    inTransaction,
    sawUncommitted,
    leftAfterRollback,
    imported: {
      created: report.created,
      registeredNow: households.every((h) => Math.abs(h.createdAt.getTime() - importedAt) < 60_000),
      warnings: report.warnings.map((w) => `${w.row} ${w.field} ${w.value}`),
      phones: households.flatMap((h) => h.phones.map((p) => `${h.externalRef} ${p.e164}`)),
      members: households.flatMap((h) =>
        h.members.map((m) => `${h.externalRef} ${m.name} ${m.roles.join()}`),
      ),
    },
    refused: {
      imported: refusal.imported,
      errorRows: refusal.errors.map((e) => e.row),
      householdsAfter: await db.household.count(),
    },
  };
}
