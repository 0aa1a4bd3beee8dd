import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { redactUrl } from '../../src/api/log-redaction';
import { buildApiServer } from '../../src/api/server';
import type { Db } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_TOKEN } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase('log_redaction');
  db = testDb.db;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApiServer({
    db,
    logger: pino({ level: 'info' }, sink),
    env: {
      LINLI_ADMIN_TOKEN: ADMIN_TOKEN,
      METRICS_ENABLED: false,
      METRICS_ACCESS: 'loopback',
      DOCS_ACCESS: 'loopback',
    },
    readiness: [],
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

describe('credentials in the query string stay out of the logs', () => {
  it('a token in the URL is refused, and the logged URL shows the request without it', async () => {
    const secret = 'linli_Zm9vYmFyYmF6cXV4c2VjcmV0dG9rZW4';
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/households?limit=5&access_token=${secret}&token=${ADMIN_TOKEN}`,
    });
    expect(res.statusCode).toBe(401);
    const logged = lines.join('\n');
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain(ADMIN_TOKEN);
    const incoming = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'incoming request');
    expect(incoming.req.url).toBe('/api/v1/households?limit=5&access_token=[redacted]&token=[redacted]');
  });

  it.each([
    ['/docs', '/docs'],
    ['/x?api_key=1&q=%E4%B8%9C', '/x?api_key=[redacted]&q=%E4%B8%9C'],
    ['/x?%74oken=abc', '/x?%74oken=[redacted]'],
    ['/x?q=token', '/x?q=token'],
    ['/x?password', '/x?password=[redacted]'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
