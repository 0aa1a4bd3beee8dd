import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_TOKEN, bearer, buildTestServer, tokenHeaders } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;
let areas: SeededAreas;
let ids: Record<string, string>;

async function household(gridId: string, externalRef: string, tags: string[] = []) {
  const created = await db.household.create({
    data: {
      gridId,
      externalRef,
      address: `${externalRef}号`,
      tags,
      phones: { create: [{ e164: '+8613800138000', priority: 0 }] },
      members: { create: [{ name: `${externalRef}户主`, roles: ['RESIDENT'] }] },
    },
  });
  return created.id;
}

beforeAll(async () => {
  testDb = await createTestDatabase('households');
  db = testDb.db;
  areas = await seedAreas(db);
  ids = {
    e1a: await household(areas.east1.id, 'E1-A', ['独居']),
    e1b: await household(areas.east1.id, 'E1-B'),
    e2a: await household(areas.east2.id, 'E2-A', ['独居']),
    w1a: await household(areas.west1.id, 'W1-A', ['独居']),
  };
  app = await buildTestServer(db);
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const list = async (headers: Record<string, string>, query = '') => {
  const res = await app.inject({ method: 'GET', url: `/api/v1/households${query}`, headers });
  return { status: res.statusCode, body: res.json() };
};
const refs = (body: { items: { externalRef: string }[] }) => body.items.map((h) => h.externalRef);

describe('GET /api/v1/households', () => {
  it('the admin sees every household, with village, grid, phones and members', async () => {
    const { status, body } = await list(bearer(ADMIN_TOKEN));
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    expect(refs(body).sort()).toEqual(['E1-A', 'E1-B', 'E2-A', 'W1-A']);
    expect(body.items.find((h: { id: string }) => h.id === ids.w1a)).toEqual({
      id: ids.w1a,
      externalRef: 'W1-A',
      village: { id: areas.west.id, name: '西村', code: 'qs-west' },
      grid: { id: areas.west1.id, name: '一组', code: 'qs-west-1' },
      address: 'W1-A号',
      latitude: null,
      longitude: null,
      tags: ['独居'],
      phones: ['+8613800138000'],
      members: [{ id: expect.any(String), name: 'W1-A户主', roles: ['RESIDENT'] }],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("a village cadre sees their village's households only", async () => {
    const { body } = await list(await tokenHeaders(db, 'CADRE', areas.east.id));
    expect(refs(body)).toEqual(expect.arrayContaining(['E1-A', 'E1-B', 'E2-A']));
    expect(body.total).toBe(3);
  });

  it("a grid worker of village A sees nothing of village B: filtering by B is a 404, B's household a 404", async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.east1.id);
    expect(refs((await list(worker)).body).sort()).toEqual(['E1-A', 'E1-B']);

    const byWest = await list(worker, '?village=qs-west');
    expect(byWest.status).toBe(404);
    expect(byWest.body).toEqual({ error: 'not_found', message: 'no village "qs-west" in your area' });

    const other = await app.inject({ method: 'GET', url: `/api/v1/households/${ids.w1a}`, headers: worker });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/households/does-not-exist',
      headers: worker,
    });
    expect(other.statusCode).toBe(404);
    // Out of scope and non-existent read the same, so a token cannot probe other villages.
    expect(other.json().message.replace(ids.w1a ?? '', 'X')).toBe(
      missing.json().message.replace('does-not-exist', 'X'),
    );
  });

  it("a grid worker may filter by their own village and gets their grid's households", async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.east1.id);
    expect(refs((await list(worker, `?village=${areas.east.id}`)).body).sort()).toEqual(['E1-A', 'E1-B']);
  });

  it('filters by village, grid (id or code) and tag', async () => {
    const admin = bearer(ADMIN_TOKEN);
    expect(refs((await list(admin, '?village=qs-west')).body)).toEqual(['W1-A']);
    expect(refs((await list(admin, `?grid=${areas.east2.id}`)).body)).toEqual(['E2-A']);
    expect(refs((await list(admin, '?tag=独居&village=qs-east')).body).sort()).toEqual(['E1-A', 'E2-A']);
    expect((await list(admin, '?grid=qs-east')).status).toBe(404);
  });

  it('pages with limit and offset, total counting all matches', async () => {
    const admin = bearer(ADMIN_TOKEN);
    const first = (await list(admin, '?limit=3')).body;
    const second = (await list(admin, '?limit=3&offset=3')).body;
    expect([first.items.length, second.items.length, first.total, second.offset]).toEqual([3, 1, 4, 3]);
    expect(new Set([...refs(first), ...refs(second)]).size).toBe(4);
  });

  it('answers 400 for bad paging parameters', async () => {
    const { status, body } = await list(bearer(ADMIN_TOKEN), '?limit=0&offset=-1&colour=red');
    expect(status).toBe(400);
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['colour', 'limit', 'offset']);
    expect(body.fields[0].in).toBe('querystring');
  });
});

describe('GET /api/v1/households/:id', () => {
  it('returns a household in scope', async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const res = await app.inject({ method: 'GET', url: `/api/v1/households/${ids.e2a}`, headers: cadre });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ externalRef: 'E2-A', village: { code: 'qs-east' } });
  });
});
