import type { FastifyInstance } from 'fastify';
import { hashToken } from '../../src/api/auth/tokens';
import { VERIFIED_TOKEN_TTL_MS } from '../../src/api/auth/verified-token-cache';
import type { Db } from '../../src/db/client';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { waitFor } from '../support/stack';
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
      personId: null,
      expiresAt: null,
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

  it('a token revoked elsewhere (the CLI, another API process) is refused once the cache TTL is over', async () => {
    const headers = await tokenHeaders(db, 'DISPATCHER', null, 'night desk');
    const { id } = await db.apiToken.findFirstOrThrow({ where: { name: 'night desk' } });
    expect((await households(headers)).statusCode).toBe(200);

    await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    const revokedAt = Date.now();
    const refused = await waitFor(
      async () => ((await households(headers)).statusCode === 401 ? Date.now() : undefined),
      VERIFIED_TOKEN_TTL_MS + 5_000,
      'the revoked token to be refused',
    );
    expect(refused - revokedAt).toBeLessThanOrEqual(VERIFIED_TOKEN_TTL_MS + 1_000);
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

  describe('with an expiry', () => {
    const create = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(ADMIN_TOKEN), payload });

    it('works until it expires, is listed with its expiry, and is refused with 401 afterwards', async () => {
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const res = await create({ name: '临时 检查组', role: 'DISPATCHER', expiresAt });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ expiresAt });
      const { id, token } = res.json<{ id: string; token: string }>();
      expect((await households(bearer(token))).statusCode).toBe(200);

      const listed = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer(ADMIN_TOKEN) });
      expect(listed.json()).toContainEqual(expect.objectContaining({ id, expiresAt }));

      // The hour passes: move the expiry into the past rather than wait; the token just used is trusted
      // as it was read for at most the verified-token cache's TTL.
      await db.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const expired = await waitFor(
        async () => {
          const res = await households(bearer(token));
          return res.statusCode === 200 ? undefined : res;
        },
        VERIFIED_TOKEN_TTL_MS + 5_000,
        'the expired token to be refused',
      );
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toEqual({ error: 'unauthorized', message: expect.stringMatching(/expired/) });
    });

    it('refuses an expiry in the past or without a time zone, naming the field', async () => {
      const past = await create({ name: '过期', role: 'CADRE', expiresAt: '2020-01-01T00:00:00Z' });
      expect(past.statusCode).toBe(400);
      expect(past.json().fields).toEqual([{ field: 'expiresAt', reason: 'must be in the future' }]);
      const vague = await create({ name: '过期', role: 'CADRE', expiresAt: 'next week' });
      expect(vague.statusCode).toBe(400);
      expect(vague.json().fields).toEqual([
        { field: 'expiresAt', in: 'body', reason: expect.stringContaining('date-time') },
      ]);
      expect(await db.apiToken.count({ where: { name: '过期' } })).toBe(0);
    });
  });

  describe('issued to a person', () => {
    const createToken = (headers: Record<string, string>, payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload });

    async function personLivingIn(gridId: string, name: string): Promise<string> {
      const home = await db.household.create({ data: { externalRef: name, gridId, address: name } });
      const person = await db.person.create({
        data: { name, roles: ['FAMILY_CONTACT'], householdId: home.id },
      });
      return person.id;
    }

    it('a family contact token names its person, and the views and the audit entry show who', async () => {
      const personId = await personLivingIn(areas.east1.id, '李明');
      const res = await createToken(bearer(ADMIN_TOKEN), { name: '李明', role: 'FAMILY_CONTACT', personId });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ role: 'FAMILY_CONTACT', areaId: null, personId });

      const listed = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer(ADMIN_TOKEN) });
      expect(listed.json()).toContainEqual(expect.objectContaining({ id: res.json().id, personId }));
      const audit = await db.auditLog.findFirstOrThrow({ where: { subject: `token:${res.json().id}` } });
      expect(audit.details).toMatchObject({ role: 'FAMILY_CONTACT', personId });
    });

    it('refuses a family contact token that names nobody, naming the field', async () => {
      const res = await createToken(bearer(ADMIN_TOKEN), { name: '家属', role: 'FAMILY_CONTACT' });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields).toEqual([
        { field: 'personId', reason: expect.stringContaining('FAMILY_CONTACT') },
      ]);
      expect(await db.apiToken.count({ where: { name: '家属' } })).toBe(0);
    });

    it('answers 404 for a person who does not exist', async () => {
      const res = await createToken(bearer(ADMIN_TOKEN), {
        name: '谁',
        role: 'FAMILY_CONTACT',
        personId: 'nobody',
      });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ error: 'not_found', message: 'no person with id nobody' });
      expect(await db.apiToken.count({ where: { name: '谁' } })).toBe(0);
    });

    it('an admin limited to a village names only people of that village, and others look like nobody', async () => {
      const eastAdmin = await tokenHeaders(db, 'ADMIN', areas.east.id, 'east family desk');
      const eastPerson = await personLivingIn(areas.east2.id, '东二 家属');
      const westPerson = await personLivingIn(areas.west1.id, '西一 家属');
      const eastWorker = await db.person.create({
        data: { name: '东一 网格员', roles: ['GRID_WORKER'], areaId: areas.east1.id },
      });

      const inVillage = await createToken(eastAdmin, {
        name: 'east family',
        role: 'FAMILY_CONTACT',
        areaId: areas.east.id,
        personId: eastPerson,
      });
      expect(inVillage.statusCode).toBe(201);
      const servingVillage = await createToken(eastAdmin, {
        name: 'east worker',
        role: 'GRID_WORKER',
        areaId: areas.east1.id,
        personId: eastWorker.id,
      });
      expect(servingVillage.statusCode).toBe(201);
      const elsewhere = await createToken(eastAdmin, {
        name: 'west family',
        role: 'FAMILY_CONTACT',
        areaId: areas.east.id,
        personId: westPerson,
      });
      expect(elsewhere.statusCode).toBe(404);
      expect(elsewhere.json().message).toBe(`no person with id ${westPerson}`);
    });
  });
});
