import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { callRoutes } from '../../src/calls/call-routes';
import type { PlaceCallData } from '../../src/calls/place-call';
import type { Db } from '../../src/db/client';
import { createRedis, type Redis } from '../../src/queue/redis';
import { ADMIN_TOKEN, bearer, buildTestServer, tokenHeaders } from '../api/support/api-fixture';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';

const EAST_HOUSEHOLD = '+8613800138001';
const WEST_HOUSEHOLD = '+8613800138002';
const OUTSIDE = '+8613900139000';

let testDb: TestDatabase;
let db: Db;
let redis: Redis;
let queue: Queue<PlaceCallData>;
let app: FastifyInstance;
let areas: SeededAreas;

beforeAll(async () => {
  testDb = await createTestDatabase('calls');
  db = testDb.db;
  areas = await seedAreas(db);
  for (const [gridId, e164] of [
    [areas.east1.id, EAST_HOUSEHOLD],
    [areas.west1.id, WEST_HOUSEHOLD],
  ] as const) {
    await db.household.create({
      data: { externalRef: e164, gridId, address: e164, phones: { create: { e164 } } },
    });
  }
  redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'queue');
  // Nothing works this queue: the tests are about who may ask for calls and read them, not dialling.
  queue = new Queue<PlaceCallData>('calls', {
    connection: redis,
    prefix: `linli-test-${randomBytes(4).toString('hex')}`,
  });
  app = await buildTestServer(db, {
    registerRoutes: [
      callRoutes({
        db,
        queue,
        trunks: [{ name: 'pstn', server: 'local', channels: 2, cps: 1, reserved: 1 }],
      }),
    ],
  });
});

afterAll(async () => {
  await app?.close();
  await queue?.obliterate({ force: true });
  await queue?.close();
  redis?.disconnect();
  await testDb?.drop();
});

const place = (headers: Record<string, string>, destination: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/calls',
    headers,
    payload: { trunk: 'pstn', destination, text: '明天上午9:00开会，收到请按1。' },
  });
const read = (headers: Record<string, string>, id: string) =>
  app.inject({ method: 'GET', url: `/api/v1/calls/${id}`, headers });

describe('the calls API is scoped to the caller’s area', () => {
  it('a cadre of another village cannot read a call, which looks like no call at all', async () => {
    const eastCadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const westCadre = await tokenHeaders(db, 'CADRE', areas.west.id);
    const westDispatcher = await tokenHeaders(db, 'DISPATCHER', areas.west.id);
    const placed = await place(eastCadre, EAST_HOUSEHOLD);
    expect(placed.statusCode).toBe(202);
    const { id } = placed.json<{ id: string }>();

    expect((await read(eastCadre, id)).json()).toMatchObject({ id, destination: EAST_HOUSEHOLD });
    for (const stranger of [westCadre, westDispatcher]) {
      const res = await read(stranger, id);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'not_found', message: `no call ${id}` });
    }
    expect((await read(bearer(ADMIN_TOKEN), id)).statusCode).toBe(200);
  });

  it('a call the admin places to a household belongs to the household’s village', async () => {
    const placed = await place(bearer(ADMIN_TOKEN), WEST_HOUSEHOLD);
    const { id } = placed.json<{ id: string }>();
    expect((await read(await tokenHeaders(db, 'CADRE', areas.west.id), id)).statusCode).toBe(200);
    expect((await read(await tokenHeaders(db, 'CADRE', areas.east.id), id)).statusCode).toBe(404);
  });

  it('a cadre calls only numbers of their own area; nothing is queued otherwise', async () => {
    const eastCadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const calls = await db.call.count();
    for (const destination of [WEST_HOUSEHOLD, OUTSIDE]) {
      const res = await place(eastCadre, destination);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toMatch(/only numbers of households and people in its area/);
    }
    const wholeTreeCadre = await tokenHeaders(db, 'CADRE', null);
    expect((await place(wholeTreeCadre, OUTSIDE)).statusCode).toBe(403);
    expect(await db.call.count()).toBe(calls);
  });

  it('an admin may call a number outside the directory; the call belongs to the admin’s area', async () => {
    const eastAdmin = await tokenHeaders(db, 'ADMIN', areas.east.id);
    const placed = await place(eastAdmin, OUTSIDE);
    expect(placed.statusCode).toBe(202);
    const { id } = placed.json<{ id: string }>();
    expect((await read(await tokenHeaders(db, 'DISPATCHER', areas.east.id), id)).statusCode).toBe(200);
    expect((await read(await tokenHeaders(db, 'DISPATCHER', areas.west.id), id)).statusCode).toBe(404);
  });

  it('calls placed by other capabilities (no area) are read only by tokens for the whole tree', async () => {
    await db.call.create({
      data: { id: 'sos-leg-1', direction: 'OUTBOUND', server: 'local', destination: OUTSIDE, purpose: 'sos' },
    });
    expect((await read(await tokenHeaders(db, 'CADRE', areas.east.id), 'sos-leg-1')).statusCode).toBe(404);
    expect((await read(await tokenHeaders(db, 'DISPATCHER', null), 'sos-leg-1')).statusCode).toBe(200);
  });
});
