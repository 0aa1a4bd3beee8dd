import type { FastifyInstance } from 'fastify';
import { hashToken } from '../../src/api/auth/tokens';
import type { Db } from '../../src/db/client';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../directory/support/test-database';
import { ADMIN_TOKEN, bearer, buildTestServer, tokenHeaders } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;
let areas: SeededAreas;

beforeAll(async () => {
  testDb = await createTestDatabase('tokens');
  db = testDb.db;
  areas = await seedAreas(db);
  app = await buildTestServer(db);
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const households = (headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: '/api/v1/households', headers });

describe('API tokens', () => {
  it('creates a token shown once, stores only its hash, and the token works', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(ADMIN_TOKEN),
      payload: { name: '东村 王书记', role: 'CADRE', areaId: areas.east.id },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      token: expect.stringMatching(/^linli_[A-Za-z0-9_-]{43}$/),
      name: '东村 王书记',
      role: 'CADRE',
      areaId: areas.east.id,
    });
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.hash).toBe(hashToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect((await households(bearer(created.token))).statusCode).toBe(200);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();

    const audit = await db.auditLog.findMany({ where: { subject: `token:${created.id}` } });
    expect(audit).toEqual([expect.objectContaining({ actor: 'bootstrap-admin', action: 'token.create' })]);
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  it('a revoked token stops working at once, and the revocation is audited with the revoker', async () => {
    const admin = await tokenHeaders(db, 'ADMIN', null, 'ops');
    const adminRow = await db.apiToken.findFirstOrThrow({ where: { name: 'ops' } });
    const victim = await tokenHeaders(db, 'DISPATCHER', null, 'dispatch desk');
    const { id } = await db.apiToken.findFirstOrThrow({ where: { name: 'dispatch desk' } });
    expect((await households(victim)).statusCode).toBe(200);

    const res = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: admin });
    expect(res.statusCode).toBe(204);

    expect((await households(victim)).statusCode).toBe(401);
    expect(await db.auditLog.findMany({ where: { subject: `token:${id}`, action: 'token.revoke' } })).toEqual(
      [expect.objectContaining({ actor: `token:${adminRow.id}:ops` })],
    );
  });

  it('answers 404 for a token that does not exist', async () => {
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/v1/tokens/nope',
      headers: bearer(ADMIN_TOKEN),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: 'no API token with id nope' });
  });

  it('answers 400 naming the fields of a bad request', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(ADMIN_TOKEN),
      payload: { role: 'MAYOR' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { field: 'name', in: 'body', reason: 'required' },
      { field: 'role', in: 'body', reason: expect.stringContaining('must be one of: RESIDENT') },
    ]);
  });

  it('is for admins only', async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: cadre,
      payload: { name: 'x', role: 'ADMIN' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('an admin limited to a village manages tokens of that village only', async () => {
    const eastAdmin = await tokenHeaders(db, 'ADMIN', areas.east.id, 'east admin');
    const forWest = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: eastAdmin,
      payload: { name: 'w', role: 'GRID_WORKER', areaId: areas.west1.id },
    });
    expect(forWest.statusCode).toBe(404);
    const unscoped = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: eastAdmin,
      payload: { name: 'w', role: 'GRID_WORKER' },
    });
    expect(unscoped.statusCode).toBe(403);

    await tokenHeaders(db, 'GRID_WORKER', areas.west1.id, 'west worker');
    const west = await db.apiToken.findFirstOrThrow({ where: { name: 'west worker' } });
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${west.id}`,
      headers: eastAdmin,
    });
    expect(revoke.statusCode).toBe(404);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: west.id } })).revokedAt).toBeNull();

    const listed = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: eastAdmin });
    const names = listed.json().map((t: { name: string }) => t.name);
    expect(names).toContain('东村 王书记');
    expect(names).not.toContain('west worker');
    expect(names).not.toContain('ops');
  });
});
