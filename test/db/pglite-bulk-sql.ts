/** Prints what the bulk statements did on a fresh embedded database; its own process (PGlite needs real ESM loading). */
import { openDatabase } from '../../src/db/client';
import { observeBulkSql } from './support/bulk-sql-behaviour';

void (async () => {
  const embedded = await openDatabase('pglite://memory');
  try {
    process.stdout.write(JSON.stringify(await observeBulkSql(embedded.db)));
  } finally {
    await embedded.close();
  }
})();
