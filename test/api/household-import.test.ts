import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import type { Db } from '../../src/db/client';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { buildTestServer, tokenHeaders } from './support/api-fixture';

const HEADER = 'village,grid,household_ref,address,latitude,longitude,phones,members,tags';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const GOOD = csv(
  '东村,一组,东12,东巷12号,,,13800138000,张三:老人,独居',
  '东村,二组,东15,东巷15号,,,13900139000,,',
);
const BAD_ROW = '东村,一组,东99,东巷99号,,,12345,,';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;
let areas: SeededAreas;
let cadre: Record<string, string>;

beforeAll(async () => {
  testDb = await createTestDatabase('http_import');
  db = testDb.db;
  areas = await seedAreas(db);
  app = await buildTestServer(db);
  cadre = await tokenHeaders(db, 'CADRE', areas.east.id, 'east cadre');
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

beforeEach(async () => {
  await db.person.deleteMany();
  await db.household.deleteMany();
  await db.auditLog.deleteMany();
});

const postCsv = (body: Buffer | string, query = '', headers = cadre) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/households/import${query}`,
    headers: { ...headers, 'content-type': 'text/csv' },
    payload: body,
  });

function multipartBody(field: string, filename: string, content: Buffer) {
  const boundary = '----linli-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('POST /api/v1/households/import', () => {
  it('imports a GBK file sent as text/csv and audits the import, naming each household it created', async () => {
    const res = await postCsv(iconv.encode(GOOD, 'gbk'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      mode: 'all-or-nothing',
      encoding: 'gbk',
      rows: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      imported: true,
      errors: [],
      warnings: [],
    });
    const token = await db.apiToken.findFirstOrThrow({ where: { name: 'east cadre' } });
    const actor = `token:${token.id}:east cadre`;
    const entries = await db.auditLog.findMany();
    expect(entries.map((e) => [e.actor, e.action, e.subject])).toEqual([
      [actor, 'household.import', `area:${areas.east.id}`],
    ]);
    const households = await db.household.findMany();
    expect(entries[0]?.details).toMatchObject({
      created: 2,
      encoding: 'gbk',
      households: { created: expect.arrayContaining(households.map((h) => h.id)), updated: [] },
    });
    // Who imported a household is found by its id, as the audit entry's comment says.
    const [household] = households;
    const importedBy = await db.$queryRaw<{ actor: string }[]>`
      SELECT "actor" FROM "AuditLog"
       WHERE "action" = 'household.import' AND "details"->'households'->'created' ? ${household?.id}`;
    expect(importedBy).toEqual([{ actor }]);
  });

  it('imports a file uploaded as multipart/form-data', async () => {
    const { payload, contentType } = multipartBody('file', 'households.csv', Buffer.from(GOOD, 'utf8'));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/households/import?mode=valid-only&encoding=utf8',
      headers: { ...cadre, 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mode: 'valid-only', encoding: 'utf8', created: 2 });
  });

  it('all-or-nothing with a bad row: 422, the row errors, nothing written or audited', async () => {
    const res = await postCsv(csv('东村,一组,东12,东巷12号,,,13800138000,,', BAD_ROW));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({
      error: 'import_rejected',
      message: 'nothing was imported: 1 problem(s) in 1 row(s)',
      report: expect.objectContaining({
        imported: false,
        created: 0,
        rejected: 1,
        errors: [{ row: 3, field: 'phones', value: '12345', reason: expect.any(String) }],
      }),
    });
    expect(await db.household.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it('valid-only with a bad row: 200, the valid rows written, the bad one reported', async () => {
    const res = await postCsv(csv('东村,一组,东12,东巷12号,,,13800138000,,', BAD_ROW), '?mode=valid-only');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: true, created: 1, rejected: 1, errors: [{ row: 3 }] });
    expect(await db.household.count()).toBe(1);
  });

  it('a grid worker cannot import into another grid: the row is rejected as unknown', async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.east1.id);
    const res = await postCsv(GOOD, '', worker);
    expect(res.statusCode).toBe(422);
    expect(res.json().report.errors).toEqual([
      { row: 3, field: 'grid', value: '二组', reason: 'village 东村 has no such grid in your area' },
    ]);
  });

  it('answers 400 naming bad parameters, 415 for a JSON body, 403 for a dispatcher', async () => {
    const bad = await postCsv(GOOD, '?mode=some&encoding=latin1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([
      { field: 'mode', in: 'querystring', reason: 'must be one of: all-or-nothing, valid-only' },
      { field: 'encoding', in: 'querystring', reason: 'must be one of: auto, utf8, gbk' },
    ]);

    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/households/import',
      headers: cadre,
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error).toBe('unsupported_media_type');

    const dispatcher = await tokenHeaders(db, 'DISPATCHER', null);
    expect((await postCsv(GOOD, '', dispatcher)).statusCode).toBe(403);
    expect(await db.household.count()).toBe(0);
  });

  it('streams its progress when asked, then the answer the plain request would have had', async () => {
    const events = async (body: string) => {
      const res = await postCsv(body, '', { ...cadre, accept: 'text/event-stream' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      return res.body
        .trim()
        .split('\n\n')
        .map((block) => {
          const [event = '', data = ''] = block.split('\n');
          return {
            event: event.replace('event: ', ''),
            data: JSON.parse(data.replace('data: ', '')) as unknown,
          };
        });
    };

    const imported = await events(GOOD);
    expect(imported.at(-1)).toEqual({
      event: 'result',
      data: { status: 200, body: expect.objectContaining({ created: 2, imported: true, warnings: [] }) },
    });
    expect(imported.slice(0, -1)).toEqual(
      expect.arrayContaining([
        { event: 'progress', data: { stage: 'checking', done: 2, total: 2 } },
        { event: 'progress', data: { stage: 'writing', done: 2, total: 2 } },
      ]),
    );

    const rejected = await events(csv('东村,一组,东13,东巷13号,,,13800138003,,', BAD_ROW));
    expect(rejected.at(-1)).toEqual({
      event: 'result',
      data: { status: 422, body: expect.objectContaining({ error: 'import_rejected' }) },
    });
    expect(await db.household.count()).toBe(2);
  });

  it('answers 400 when the form has no file field', async () => {
    const { payload, contentType } = multipartBody('upload', 'households.csv', Buffer.from(GOOD));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/households/import',
      headers: { ...cadre, 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual(
      expect.arrayContaining([{ field: 'file', in: 'body', reason: 'required' }]),
    );
  });
});
