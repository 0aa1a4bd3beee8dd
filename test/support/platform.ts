import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startPlatform } from '../../src/app/platform';
import type { Capability, Platform } from '../../src/app/platform-types';
import { startLinli } from '../../src/app/start-linli';
import { loadEnv } from '../../src/config/env';
import { createLogger } from '../../src/logging';
import { createTestDatabase, type TestDatabase } from './database';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestPlatform {
  platform: Platform;
  api: FastifyInstance;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * A whole linli process for a test: its own PostgreSQL database and queue prefix, the real Redis
 * and the local Asterisk, the API served in-process (requests through fastify's inject).
 */
export async function startTestPlatform(
  capabilities: Capability[],
  overrides: Record<string, string> = {},
): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const media = process.env.MEDIA_DIR ?? mkdtempSync(path.join(tmpdir(), 'linli-media-'));
  const env = loadEnv({
    ...process.env,
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `linli-test-${randomBytes(4).toString('hex')}`,
    LINLI_ADMIN_TOKEN: ADMIN_TOKEN,
    MEDIA_DIR: media,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...overrides,
  });
  // The platform opens its own client on the same database.
  const platform = await startPlatform(env, createLogger(env.LOG_LEVEL));
  const linli = await startLinli(platform, capabilities, { api: true, workers: true });
  const api = linli.api as FastifyInstance;
  return {
    platform,
    api,
    database,
    stop: async () => {
      await linli.stop();
      await platform.close();
      await database.drop();
    },
  };
}

export const authHeader = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** One request to the test platform's API as the admin; the status and the parsed body. */
export async function callApi<T>(
  t: TestPlatform,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
): Promise<{ status: number; body: T }> {
  const res = await t.api.inject({
    method,
    url,
    headers: authHeader,
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, body: res.json<T>() };
}
