import type { FastifyInstance } from 'fastify';
import { isLoopback, type EndpointAccess } from '../../src/api/operations-access';
import { buildApiServer } from '../../src/api/server';
import type { Db } from '../../src/db/client';
import { createLogger } from '../../src/logging';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_TOKEN, bearer, tokenHeaders } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase('ops_access');
  db = testDb.db;
});

afterAll(async () => {
  for (const app of servers) await app.close();
  await testDb?.drop();
});

async function serverWith(access: EndpointAccess): Promise<FastifyInstance> {
  const app = await buildApiServer({
    db,
    logger: createLogger('silent'),
    env: {
      LINLI_ADMIN_TOKEN: ADMIN_TOKEN,
      METRICS_ENABLED: true,
      METRICS_ACCESS: access,
      DOCS_ACCESS: access,
    },
    readiness: [],
  });
  await app.ready();
  servers.push(app);
  return app;
}

const OPERATIONS_URLS = ['/metrics', '/docs/json', '/docs/', '/docs/yaml'];
const FROM_ELSEWHERE = '192.0.2.10';

const statusOf = async (
  app: FastifyInstance,
  url: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
) => (await app.inject({ method: 'GET', url, remoteAddress, headers })).statusCode;

describe('/metrics and /docs access', () => {
  it('loopback (the default): this host reads them, any other address is refused, token or not', async () => {
    const app = await serverWith('loopback');
    for (const url of OPERATIONS_URLS) {
      expect(await statusOf(app, url, '127.0.0.1')).toBe(200);
      expect(await statusOf(app, url, '::1')).toBe(200);
      expect(await statusOf(app, url, FROM_ELSEWHERE)).toBe(403);
      expect(await statusOf(app, url, FROM_ELSEWHERE, bearer(ADMIN_TOKEN))).toBe(403);
    }
    const refused = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: FROM_ELSEWHERE });
    expect(refused.json()).toEqual({
      error: 'forbidden',
      message: expect.stringContaining('METRICS_ACCESS'),
    });
    expect(await statusOf(app, '/healthz', FROM_ELSEWHERE)).toBe(200);
  });

  it('token: any valid API token reads them from anywhere; no token, a bad or an expired one is a 401', async () => {
    const app = await serverWith('token');
    const resident = await tokenHeaders(db, 'RESIDENT', null, 'a resident');
    const expired = await tokenHeaders(db, 'ADMIN', null, 'expired admin');
    await db.apiToken.updateMany({
      where: { name: 'expired admin' },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    for (const url of OPERATIONS_URLS) {
      expect(await statusOf(app, url, FROM_ELSEWHERE, resident)).toBe(200);
      expect(await statusOf(app, url, '127.0.0.1')).toBe(401);
      expect(await statusOf(app, url, FROM_ELSEWHERE, bearer('linli_not-a-token'))).toBe(401);
      expect(await statusOf(app, url, FROM_ELSEWHERE, expired)).toBe(401);
    }
  });

  it('public: anyone reads them', async () => {
    const app = await serverWith('public');
    for (const url of OPERATIONS_URLS) expect(await statusOf(app, url, FROM_ELSEWHERE)).toBe(200);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.10', false],
    ['::ffff:192.0.2.10', false],
    ['fe80::1', false],
    ['', false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
