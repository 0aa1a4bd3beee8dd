import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_TOKEN, bearer, buildTestServer } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  testDb = await createTestDatabase('text_input');
  db = testDb.db;
  app = await buildTestServer(db);
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const admin = { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' };
const LONE_HIGH = '\ud83d';
const LONE_LOW = '\udca9';

describe('text that PostgreSQL cannot store is refused with 400, naming the field', () => {
  it.each([
    ['a NUL character', `东\u0000村`, 'contains a NUL character'],
    ['a lone high surrogate', `东${LONE_HIGH}村`, 'contains a lone surrogate (not valid Unicode)'],
    ['a lone low surrogate', `${LONE_LOW}东村`, 'contains a lone surrogate (not valid Unicode)'],
  ])('in a JSON body: %s', async (_what, name, reason) => {
    // JSON.stringify writes lone surrogates as \\udXXX escapes, which is how a client sends them.
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/areas',
      headers: admin,
      payload: JSON.stringify({ level: 'TOWN', name, code: 'qs' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'validation',
      message: expect.stringContaining('name'),
      fields: [{ field: 'name', in: 'body', reason }],
    });
    expect(await db.area.count()).toBe(0);
  });

  it('in a nested field, a query string and a path parameter', async () => {
    const nested = await app.inject({
      method: 'POST',
      url: '/api/v1/areas',
      headers: admin,
      payload: JSON.stringify({ level: 'TOWN', name: '镇', code: 'qs', extra: [{ note: 'a\u0000' }] }),
    });
    expect(nested.json().fields).toContainEqual({
      field: 'extra[0].note',
      in: 'body',
      reason: 'contains a NUL character',
    });
    const query = await app.inject({
      method: 'GET',
      url: '/api/v1/households?q=%00',
      headers: bearer(ADMIN_TOKEN),
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().fields).toEqual([
      { field: 'q', in: 'querystring', reason: 'contains a NUL character' },
    ]);
    const params = await app.inject({
      method: 'GET',
      url: '/api/v1/households/a%00b',
      headers: bearer(ADMIN_TOKEN),
    });
    expect(params.statusCode).toBe(400);
    expect(params.json().fields).toEqual([{ field: 'id', in: 'params', reason: 'contains a NUL character' }]);
  });

  it('in an uploaded CSV file and in a multipart field', async () => {
    const town = await db.area.create({ data: { level: 'TOWN', name: '镇', code: 'csv-town' } });
    const village = await db.area.create({
      data: { level: 'VILLAGE', name: '东村', code: 'csv-east', parentId: town.id },
    });
    await db.area.create({ data: { level: 'GRID', name: '一组', code: 'csv-east-1', parentId: village.id } });
    const header = 'village,grid,household_ref,address,latitude,longitude,phones,members,tags';
    const csv = await app.inject({
      method: 'POST',
      url: '/api/v1/households/import',
      headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'text/csv' },
      payload: `${header}\r\n东村,一组,东12,东巷12号,,,13800138000,张\u0000三:老人,\r\n`,
    });
    // A file with bad content is the import's own refusal (422, the report lists what is wrong), not a 500.
    expect(csv.statusCode).toBe(422);
    expect(csv.json().report.errors).toEqual([
      expect.objectContaining({ row: 2, reason: expect.stringContaining('NUL character') }),
    ]);

    const boundary = '----linli-text-guard';
    const multipart = await app.inject({
      method: 'POST',
      url: '/api/v1/households/import',
      headers: { ...bearer(ADMIN_TOKEN), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload:
        `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\na\u0000b\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="h.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${header}\r\n\r\n--${boundary}--\r\n`,
    });
    expect(multipart.statusCode).toBe(400);
    expect(multipart.json().fields).toEqual([
      { field: 'note', in: 'body', reason: 'contains a NUL character' },
    ]);
    expect(await db.household.count()).toBe(0);
  });

  it('lets well-formed text through, characters outside the BMP included', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/areas',
      headers: admin,
      payload: JSON.stringify({ level: 'TOWN', name: '𠀾镇 😀', code: 'qs-ok' }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '𠀾镇 😀' });
  });
});
