import pg from 'pg';

const PG_NAME = 19;
const PG_CHAR = 18;
const PG_TEXT = 25;

/**
 * A pg pool whose results report catalog types `name` and `"char"` as text. Prisma's pg adapter
 * cannot map those OIDs (prisma/orm#27403), and the schema engine reads them from pg_catalog.
 */
export function createCatalogSafePool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 10 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const patched = async (...args: unknown[]): Promise<pg.QueryResult> => {
    const result = await query(...args);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_NAME || field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    }
    return result;
  };
  (pool as unknown as { query: typeof patched }).query = patched;
  return pool;
}
