import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_TOKEN, bearer, buildTestServer, tokenHeaders } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  testDb = await createTestDatabase('me');
  db = testDb.db;
  app = await buildTestServer(db);
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

describe('GET /api/v1/me', () => {
  it('tells a scoped token its role and area, so the dashboard shows only what it may do', async () => {
    const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: 'qs' } });
    const village = await db.area.create({
      data: { level: 'VILLAGE', name: '东村', code: 'qs-east', parentId: town.id },
    });
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: await tokenHeaders(db, 'GRID_WORKER', village.id, '王网格'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      name: '王网格',
      role: 'GRID_WORKER',
      personId: null,
      area: { id: village.id, level: 'VILLAGE', name: '东村', code: 'qs-east', parentId: town.id },
    });
  });

  it('answers the whole tree (no area) for the bootstrap admin, and 401 without a token', async () => {
    const admin = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(ADMIN_TOKEN) });
    expect(admin.json()).toMatchObject({ role: 'ADMIN', area: null });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
  });
});
