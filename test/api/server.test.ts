import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_TOKEN, bearer, buildTestServer } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  testDb = await createTestDatabase('server');
  db = testDb.db;
  app = await buildTestServer(db, {
    registerRoutes: [
      async (api) => {
        api.get(
          '/api/v1/echo-role',
          { schema: { response: { 200: { type: 'object', properties: { role: { type: 'string' } } } } } },
          async (request) => ({ role: request.principal?.role }),
        );
      },
    ],
  });
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

describe('operations endpoints', () => {
  it('/healthz answers without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz reports each dependency by name, 200 when all are usable', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: { ok: true } } });
  });

  it('/readyz answers 503 and names the failing dependencies and why', async () => {
    const failing = await buildTestServer(db, {
      readiness: [
        { name: 'database', check: async () => true },
        { name: 'redis', check: async () => 'connection refused' },
        { name: 'ami', check: async () => Promise.reject(new Error('login failed on ast1')) },
        { name: 'queue', check: async () => false },
      ],
    });
    try {
      const res = await failing.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'not_ready',
        checks: {
          database: { ok: true },
          redis: { ok: false, reason: 'connection refused' },
          ami: { ok: false, reason: 'login failed on ast1' },
          queue: { ok: false, reason: 'not ready' },
        },
      });
    } finally {
      await failing.close();
    }
  });

  it('/metrics exposes default metrics and the request duration histogram by route and status', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/api/v1/households' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/^process_cpu_user_seconds_total /m);
    expect(res.body).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} [1-9]/m,
    );
    expect(res.body).toMatch(
      /^http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/households",status_code="401"\}/m,
    );
  });

  it('/docs/json is an OpenAPI 3 document with every route, its parameters and shared schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/readyz',
        '/metrics',
        '/api/v1/areas',
        '/api/v1/households',
        '/api/v1/households/{id}',
        '/api/v1/households/import',
        '/api/v1/tokens',
        '/api/v1/tokens/{id}',
        '/api/v1/echo-role',
      ]),
    );
    const importOp = doc.paths['/api/v1/households/import'].post;
    expect(Object.keys(importOp.requestBody.content)).toEqual(['multipart/form-data', 'text/csv']);
    expect(importOp.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(importOp.parameters.map((p: { name: string }) => p.name)).toEqual(['mode', 'encoding']);
    expect(doc.paths['/api/v1/areas'].post.requestBody.content['application/json'].schema.required).toEqual([
      'level',
      'name',
      'code',
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'ErrorResponse',
        'Household',
        'HouseholdPage',
        'ImportReport',
        'Area',
        'ApiToken',
      ]),
    );
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/healthz'].get.security).toEqual([]);
  });

  it('/docs serves the browsable documentation', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('request ids', () => {
  it('keeps the x-request-id the caller sent', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'proxy-42.a' },
    });
    expect(res.headers['x-request-id']).toBe('proxy-42.a');
  });

  it('makes one up when none (or an unsafe one) is sent', async () => {
    const none = await app.inject({ method: 'GET', url: '/healthz' });
    const unsafe = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'a b\nforged' },
    });
    for (const res of [none, unsafe]) expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers['x-request-id']).not.toBe(unsafe.headers['x-request-id']);
  });

  it('is on error responses too', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/households',
      headers: { 'x-request-id': 'r-401' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['x-request-id']).toBe('r-401');
  });
});

describe('authentication and error shape', () => {
  it.each([
    [{}, /Authorization: Bearer/],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, /Bearer <token>/],
    [bearer('linli_not-a-real-token'), /unknown or revoked/],
  ])('401 with a clear message for %j', async (headers, message) => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/households', headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthorized', message: expect.stringMatching(message) });
  });

  it('routes added through registerRoutes sit behind authentication and see the caller', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/echo-role' })).statusCode).toBe(401);
    const res = await app.inject({ method: 'GET', url: '/api/v1/echo-role', headers: bearer(ADMIN_TOKEN) });
    expect(res.json()).toEqual({ role: 'ADMIN' });
  });

  it('an unknown route is a 404 in the same shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'no route GET /nowhere' });
  });

  it('malformed JSON is a 400 in the same shape', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/areas',
      headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' },
      payload: '{"level":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'bad_request', message: expect.any(String) });
  });
});
