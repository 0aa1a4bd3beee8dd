/** Prints the tables of a fresh embedded database; run as its own process (PGlite needs real ESM loading). */
import { openDatabase } from '../../src/db/client';

void (async () => {
  const embedded = await openDatabase('pglite://memory');
  const rows = await embedded.db.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  await embedded.close();
  process.stdout.write(JSON.stringify(rows.map((r) => r.table_name)));
})();
