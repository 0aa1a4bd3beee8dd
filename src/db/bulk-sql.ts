import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

/*
 * Prisma 6's query engine spends about 60 ns on every byte of a query's parameters (and a little less on
 * every byte of its results): a city's import sends some 80 MB of rows and would spend seconds there
 * alone. Bulk statements (a city's households, a campaign's targets) go to the driver itself instead —
 * node-postgres or PGlite, the very connection a Prisma transaction runs on — with the same SQL and the
 * same parameters; everything else stays with Prisma. Where the driver cannot be reached, the same
 * statement goes through Prisma, only slower.
 */

/** How a statement is sent. */
interface StatementOptions {
  /**
   * The statement runs over and over with other parameters (a deadline action's, a request's): on
   * node-postgres it is prepared once per connection, as PostgreSQL planning it anew each time cost
   * more than running it. Only for texts from a bounded set: each is kept for the process's life.
   */
  repeated?: boolean;
}

/** Runs one statement with $1… parameters (strings, numbers, null) and gives back its rows. */
export interface BulkSql {
  /** Whether statements go to the driver itself or, where it cannot be reached, through Prisma. */
  readonly via: 'driver' | 'prisma';
  query<Row = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[],
    options?: StatementOptions,
  ): Promise<Row[]>;
}

interface Driver {
  /** Outside any transaction. */
  direct: BulkSql;
  /** The driver connection a Prisma interactive transaction runs on, or null when it cannot be told. */
  inTransaction(tx: Prisma.TransactionClient): Promise<BulkSql | null>;
}

// Keyed by object: a transaction client is never in it, so its statements go through Prisma.
const drivers = new WeakMap<object, Driver>();

const throughPrisma = (client: PrismaClient | Prisma.TransactionClient): BulkSql => ({
  via: 'prisma',
  query: <Row>(sql: string, params: readonly unknown[]) => client.$queryRawUnsafe<Row[]>(sql, ...params),
});

/** For statements outside a transaction; given a transaction client, through Prisma inside it. */
export function bulkSql(db: PrismaClient | Prisma.TransactionClient): BulkSql {
  return drivers.get(db)?.direct ?? throughPrisma(db);
}

/** For statements inside `tx`, a transaction of `db` (db.$transaction): they commit or roll back with it. */
export async function bulkSqlInTransaction(db: PrismaClient, tx: Prisma.TransactionClient): Promise<BulkSql> {
  return (await drivers.get(db)?.inTransaction(tx)) ?? throughPrisma(tx);
}

/**
 * Makes the connections of `pool` (the pool handed to Prisma's pg adapter) reachable: each is known by
 * its server process id, which a transaction asks PostgreSQL for. Prisma holds the connection for the
 * whole transaction and waits while the caller's code runs, and node-postgres queues a connection's
 * statements, so statements sent here run in order with the transaction's own.
 */
export function reachPgPool(db: PrismaClient, pool: pg.Pool): void {
  const byProcessId = new Map<number, pg.PoolClient>();
  pool.on('connect', (client) => {
    const { processID } = client as unknown as { processID: number | null };
    if (processID !== null) byProcessId.set(processID, client);
  });
  pool.on('remove', (client) => {
    const { processID } = client as unknown as { processID: number | null };
    if (processID !== null && byProcessId.get(processID) === client) byProcessId.delete(processID);
  });
  // One name per text for all the pool's connections: node-postgres prepares a name on each connection
  // the first time it runs there.
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let name = names.get(sql);
    if (name === undefined) names.set(sql, (name = `linli_${names.size + 1}`));
    return name;
  };
  const over = (client: pg.Pool | pg.PoolClient): BulkSql => ({
    via: 'driver',
    query: async <Row>(sql: string, params: readonly unknown[], options?: StatementOptions) =>
      (
        await client.query(
          options?.repeated
            ? { name: nameOf(sql), text: sql, values: [...params] }
            : { text: sql, values: [...params] },
        )
      ).rows as Row[],
  });
  drivers.set(db, {
    direct: over(pool),
    inTransaction: async (tx) => {
      const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS "pid"`;
      const client = row === undefined ? undefined : byProcessId.get(Number(row.pid));
      return client === undefined ? null : over(client);
    },
  });
}

/**
 * PGlite is one connection that runs one transaction at a time (a statement from outside waits for it to
 * end), so a transaction's statements must go through PGlite's transaction object. `client` stands in
 * for `pglite` — hand it to Prisma's adapter — and notes the transaction open; `reach` then makes it
 * reachable from the Prisma client built on that adapter.
 */
export function reachablePglite(pglite: PGlite): {
  client: PGlite;
  reach: (db: PrismaClient) => void;
} {
  let open: Transaction | null = null;
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> =>
    pglite.transaction(async (tx) => {
      open = tx;
      try {
        return await callback(tx);
      } finally {
        open = null;
      }
    });
  const client = new Proxy(pglite, {
    get(target, property) {
      if (property === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const over = (runner: PGlite | Transaction): BulkSql => ({
    via: 'driver',
    query: async <Row>(sql: string, params: readonly unknown[]) =>
      (await runner.query<Row>(sql, [...params])).rows,
  });
  return {
    client,
    reach: (db) =>
      drivers.set(db, {
        direct: over(pglite),
        inTransaction: async () => (open === null ? null : over(open)),
      }),
  };
}
