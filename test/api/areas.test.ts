import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_TOKEN, bearer, buildTestServer, tokenHeaders } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;
let areas: SeededAreas;

beforeAll(async () => {
  testDb = await createTestDatabase('areas');
  db = testDb.db;
  areas = await seedAreas(db);
  app = await buildTestServer(db);
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const post = (headers: Record<string, string>, payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/areas', headers, payload: payload as Record<string, unknown> });

describe('POST /api/v1/areas', () => {
  it('creates a grid under a village and writes an audit entry', async () => {
    const res = await post(bearer(ADMIN_TOKEN), {
      level: 'GRID',
      name: '三组',
      code: 'qs-east-3',
      parentId: areas.east.id,
    });
    expect(res.statusCode).toBe(201);
    const area = res.json();
    expect(area).toEqual({
      id: expect.any(String),
      level: 'GRID',
      name: '三组',
      code: 'qs-east-3',
      parentId: areas.east.id,
    });
    expect(await db.auditLog.findMany({ where: { subject: `area:${area.id}` } })).toEqual([
      expect.objectContaining({ actor: 'bootstrap-admin', action: 'area.create' }),
    ]);
    // The new grid is in scope at once, though the area tree is cached.
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const listed = await app.inject({ method: 'GET', url: '/api/v1/areas?level=GRID', headers: cadre });
    expect(listed.json().map((a: { code: string }) => a.code)).toContain('qs-east-3');
  });

  it('answers 400 with every bad field named', async () => {
    const res = await post(bearer(ADMIN_TOKEN), { level: 'HAMLET', code: 'has space', colour: 'red' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('validation');
    expect(body.message).toMatch(/^invalid request: /);
    expect(body.fields).toEqual(
      expect.arrayContaining([
        { field: 'name', in: 'body', reason: 'required' },
        { field: 'level', in: 'body', reason: 'must be one of: TOWN, VILLAGE, GRID' },
        { field: 'code', in: 'body', reason: expect.stringContaining('pattern') },
        { field: 'colour', in: 'body', reason: 'unknown field' },
      ]),
    );
    expect(body.fields).toHaveLength(4);
  });

  it('answers 400 naming parentId when the tree would be wrong', async () => {
    const gridUnderTown = await post(bearer(ADMIN_TOKEN), {
      level: 'GRID',
      name: 'x',
      code: 'x-1',
      parentId: areas.town.id,
    });
    expect(gridUnderTown.statusCode).toBe(400);
    expect(gridUnderTown.json().fields).toEqual([
      { field: 'parentId', reason: 'a GRID belongs to a VILLAGE, but 青山镇 is a TOWN' },
    ]);
    const orphanVillage = await post(bearer(ADMIN_TOKEN), { level: 'VILLAGE', name: 'x', code: 'x-2' });
    expect(orphanVillage.json().fields).toEqual([
      { field: 'parentId', reason: 'a VILLAGE needs a parent TOWN' },
    ]);
  });

  it('answers 409 for a code already in use', async () => {
    const res = await post(bearer(ADMIN_TOKEN), { level: 'TOWN', name: '又一个', code: 'qs' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'conflict', message: 'an area with code qs already exists' });
  });

  it('is for admins: a cadre gets 403', async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const res = await post(cadre, {
      level: 'GRID',
      name: '四组',
      code: 'qs-east-4',
      parentId: areas.east.id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('forbidden');
  });

  it('an admin limited to a village cannot build in another village (404) nor create a town (403)', async () => {
    const eastAdmin = await tokenHeaders(db, 'ADMIN', areas.east.id);
    const west = await post(eastAdmin, {
      level: 'GRID',
      name: '二组',
      code: 'qs-west-2',
      parentId: areas.west.id,
    });
    expect(west.statusCode).toBe(404);
    const town = await post(eastAdmin, { level: 'TOWN', name: '新镇', code: 'xz' });
    expect(town.statusCode).toBe(403);
    expect(await db.area.count({ where: { code: { in: ['qs-west-2', 'xz'] } } })).toBe(0);
  });
});

describe('GET /api/v1/areas', () => {
  const codes = async (headers: Record<string, string>) =>
    (await app.inject({ method: 'GET', url: '/api/v1/areas', headers }))
      .json()
      .map((a: { code: string }) => a.code);

  it('shows a village cadre their village and its grids only', async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    expect(await codes(cadre)).toEqual(['qs-east', 'qs-east-1', 'qs-east-2', 'qs-east-3']);
  });

  it('shows a grid worker their grid only, and the admin everything', async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.west1.id);
    expect(await codes(worker)).toEqual(['qs-west-1']);
    expect(await codes(bearer(ADMIN_TOKEN))).toEqual(
      expect.arrayContaining(['qs', 'qs-east', 'qs-west', 'qs-east-1', 'qs-east-2', 'qs-west-1']),
    );
  });

  it('does not let resident tokens read the directory', async () => {
    const resident = await tokenHeaders(db, 'RESIDENT', areas.east1.id);
    expect((await app.inject({ method: 'GET', url: '/api/v1/areas', headers: resident })).statusCode).toBe(
      403,
    );
  });
});
