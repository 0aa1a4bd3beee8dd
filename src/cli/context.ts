import os from 'node:os';
import { loadEnv, type Env } from '../config/env';
import { openDatabase, type Db } from '../db/client';
import type { AreaNode } from '../directory/area-tree';
import type { DbClient } from '../directory/db-client';
import { NotFoundError } from '../directory/errors';

/** Opens the configured database for one command and closes it afterwards, whatever happens. */
export async function withDatabase<T>(run: (context: { db: Db; env: Env }) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const handle = await openDatabase(env.DATABASE_URL);
  try {
    return await run({ db: handle.db, env });
  } finally {
    await handle.close();
  }
}

/** The audit log's actor for whoever runs the CLI on this machine. */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    // Containers may run under a uid with no passwd entry.
    return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** People type codes; scripts pass ids. */
export async function findArea(db: DbClient, idOrCode: string): Promise<AreaNode> {
  const area = await db.area.findFirst({
    where: { OR: [{ id: idOrCode }, { code: idOrCode }] },
    select: { id: true, level: true, name: true, code: true, parentId: true },
  });
  if (!area) throw new NotFoundError(`no area with id or code "${idOrCode}"`);
  return area;
}
