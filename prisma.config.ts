import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { migrationAdapterFactory } from './src/db/migration-adapter';

// The JS schema engine with driver adapters: Prisma's native schema engine cannot be downloaded offline.
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  experimental: { adapter: true },
  engine: 'js',
  adapter: migrationAdapterFactory,
});
