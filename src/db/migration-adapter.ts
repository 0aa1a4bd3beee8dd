import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createCatalogSafePool } from './pg-pool';

/**
 * Driver adapter for the Prisma CLI (migrate). The embedded PGlite database is migrated in-process
 * by `applyMigrations` instead, because PGlite can only be opened by one process at a time.
 */
export async function migrationAdapterFactory(): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      'DATABASE_URL must be a postgresql:// URL for the Prisma CLI (pglite:// is migrated at start-up)',
    );
  }
  const factory = new PrismaPg(createCatalogSafePool(url));
  const shadowUrl = process.env.SHADOW_DATABASE_URL;
  if (!shadowUrl) return factory;
  // The adapter's own shadow database is dropped while its pool is still open; a named one we
  // manage (SHADOW_DATABASE_URL) avoids that. The engine expects an empty one on every connect.
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => {
      const pool = createCatalogSafePool(shadowUrl);
      await pool.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
      return new PrismaPg(pool).connect();
    },
  };
}
