#!/usr/bin/env bash
# Creates a new migration from prisma/schema.prisma against a development PostgreSQL:
#   scripts/migrate-dev.sh <migration_name>
# The shadow database is emptied by the CLI adapter on each use (src/db/migration-adapter.ts).
set -euo pipefail
name=${1:?usage: scripts/migrate-dev.sh <migration_name>}
pg=${PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432}
export DATABASE_URL=${DATABASE_URL:-$pg/linli_dev}
export SHADOW_DATABASE_URL=$pg/linli_shadow
psql "$pg/postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = 'linli_shadow'" | grep -q 1 || psql "$pg/postgres" -qc 'CREATE DATABASE linli_shadow'
psql "$pg/postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = '${DATABASE_URL##*/}'" | grep -q 1 \
  || psql "$pg/postgres" -qc "CREATE DATABASE \"${DATABASE_URL##*/}\""
npx prisma migrate dev --name "$name"
