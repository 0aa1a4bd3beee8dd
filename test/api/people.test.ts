import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ADMIN_TOKEN, bearer, buildTestServer, tokenHeaders } from './support/api-fixture';

let testDb: TestDatabase;
let db: Db;
let app: FastifyInstance;
let areas: SeededAreas;
let westHouseholdId: string;
let eastHouseholdId: string;
type Headers = Record<string, string>;

beforeAll(async () => {
  testDb = await createTestDatabase('people');
  db = testDb.db;
  areas = await seedAreas(db);
  const household = (gridId: string, externalRef: string) =>
    db.household.create({
      data: {
        gridId,
        externalRef,
        address: `${externalRef}号`,
        members: { create: [{ name: '李奶奶', roles: ['ELDER'] }] },
      },
    });
  eastHouseholdId = (await household(areas.east1.id, 'E1-A')).id;
  westHouseholdId = (await household(areas.west1.id, 'W1-A')).id;
  app = await buildTestServer(db);
});

afterAll(async () => {
  await app?.close();
  await testDb?.drop();
});

const create = (headers: Headers, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/people', headers, payload });
const patch = (headers: Headers, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'PATCH', url: `/api/v1/people/${id}`, headers, payload });
const get = (headers: Headers, url: string) => app.inject({ method: 'GET', url, headers });
const names = (body: { items: { name: string }[] }) => body.items.map((p) => p.name).sort();
const peopleWritten = () =>
  db.person.count({ where: { roles: { hasSome: ['GRID_WORKER', 'CADRE', 'FAMILY_CONTACT'] } } });

describe('POST /api/v1/people', () => {
  it('registers a grid worker for a grid, with phones in E.164 in the given order, and audits it', async () => {
    const res = await create(bearer(ADMIN_TOKEN), {
      name: '王芳',
      roles: ['GRID_WORKER'],
      areaId: areas.east1.id,
      phones: ['139 0013 9000', '0571-88888888'],
    });
    expect(res.statusCode).toBe(201);
    const person = res.json();
    expect(person).toEqual({
      id: expect.any(String),
      name: '王芳',
      roles: ['GRID_WORKER'],
      area: { id: areas.east1.id, level: 'GRID', name: '一组', code: 'qs-east-1' },
      household: null,
      phones: ['+8613900139000', '+8657188888888'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await db.auditLog.findMany({ where: { subject: `person:${person.id}` } })).toEqual([
      expect.objectContaining({
        actor: 'bootstrap-admin',
        action: 'person.create',
        details: {
          name: '王芳',
          roles: ['GRID_WORKER'],
          areaId: areas.east1.id,
          householdId: null,
          phones: ['+8613900139000', '+8657188888888'],
          version: 1,
        },
      }),
    ]);

    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const found = await get(cadre, `/api/v1/people?role=GRID_WORKER&area=${areas.east1.id}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ id: person.id }] });
    expect((await get(cadre, `/api/v1/people/${person.id}`)).json().phones[0]).toBe('+8613900139000');
  });

  it('names every bad field at once and writes nothing', async () => {
    const before = await peopleWritten();
    const res = await create(bearer(ADMIN_TOKEN), {
      name: '  ',
      roles: ['GRID_WORKER'],
      areaId: areas.east.id,
      phones: ['12345', '13800138000', '+86 138 0013 8000', '4008123123'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('validation');
    expect(res.json().fields).toEqual([
      { field: 'name', reason: 'must not be blank' },
      { field: 'areaId', reason: 'a GRID_WORKER serves a GRID, but 东村 is a VILLAGE' },
      {
        field: 'phones[0]',
        reason:
          'not a valid Chinese number (mobile: 11 digits starting with 1; landline: area code + 7-8 digits)',
      },
      { field: 'phones[2]', reason: 'the same number as phones[0]' },
      { field: 'phones[3]', reason: 'a service number (e.g. 400/800), not a mobile or landline' },
    ]);
    expect(await peopleWritten()).toBe(before);
    expect(await db.auditLog.count({ where: { action: 'person.create', actor: 'bootstrap-admin' } })).toBe(1);
  });

  it('a bad phone alone is a 400 naming phones[0]', async () => {
    const res = await create(bearer(ADMIN_TOKEN), {
      name: '赵六',
      roles: ['DISPATCHER'],
      areaId: areas.town.id,
      phones: ['88888888'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { field: 'phones[0]', reason: 'a landline needs its area code, e.g. 0571-88888888' },
    ]);
  });

  it('needs the area a grid worker or cadre serves, and some area or household for anyone', async () => {
    const admin = bearer(ADMIN_TOKEN);
    const worker = await create(admin, { name: '甲', roles: ['GRID_WORKER'], phones: ['13800138001'] });
    expect(worker.json().fields).toEqual([
      { field: 'areaId', reason: 'a GRID_WORKER needs the GRID they serve' },
    ]);
    const cadreOfGrid = await create(admin, {
      name: '乙',
      roles: ['CADRE'],
      areaId: areas.east1.id,
      phones: ['13800138001'],
    });
    expect(cadreOfGrid.json().fields).toEqual([
      { field: 'areaId', reason: 'a CADRE serves a VILLAGE or TOWN, but 一组 is a GRID' },
    ]);
    const nowhere = await create(admin, { name: '丙', roles: ['FAMILY_CONTACT'], phones: ['13800138001'] });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().fields).toEqual([
      {
        field: 'areaId',
        reason: 'give areaId or householdId: people are found through their area or their household',
      },
    ]);
  });

  it('answers schema problems with field errors: unknown fields, no phones, unknown roles', async () => {
    const res = await create(bearer(ADMIN_TOKEN), {
      name: '丁',
      roles: ['MAYOR'],
      phones: [],
      colour: 'red',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['colour', 'phones', 'roles[0]']);
  });
});

describe('a cadre of village A and village B', () => {
  let westWorkerId: string;

  beforeAll(async () => {
    const res = await create(bearer(ADMIN_TOKEN), {
      name: '西村网格员',
      roles: ['GRID_WORKER'],
      areaId: areas.west1.id,
      phones: ['13700137000'],
    });
    westWorkerId = res.json().id;
  });

  it('cannot register people in village B: its areas and households read as unknown', async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const before = await peopleWritten();
    const inWest = await create(cadre, {
      name: '冒名',
      roles: ['GRID_WORKER'],
      areaId: areas.west1.id,
      phones: ['13800138002'],
    });
    const unknown = await create(cadre, {
      name: '冒名',
      roles: ['GRID_WORKER'],
      areaId: 'no-such-area',
      phones: ['13800138002'],
    });
    expect(inWest.statusCode).toBe(400);
    // Same answer as for an area that does not exist, so a token cannot probe other villages.
    expect(inWest.json()).toEqual(unknown.json());
    expect(inWest.json().fields).toEqual([{ field: 'areaId', reason: 'no area with this id in your area' }]);

    const westHousehold = await create(cadre, {
      name: '远亲',
      roles: ['FAMILY_CONTACT'],
      householdId: westHouseholdId,
      phones: ['13800138002'],
    });
    expect(westHousehold.json().fields).toEqual([
      { field: 'householdId', reason: 'no household with this id in your area' },
    ]);
    expect(await peopleWritten()).toBe(before);
  });

  it("cannot see village B's people: not listed, the person and the filter are 404", async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    expect(names((await get(cadre, '/api/v1/people?role=GRID_WORKER')).json())).not.toContain('西村网格员');

    const person = await get(cadre, `/api/v1/people/${westWorkerId}`);
    const missing = await get(cadre, '/api/v1/people/does-not-exist');
    expect(person.statusCode).toBe(404);
    expect(person.json().message.replace(westWorkerId, 'X')).toBe(
      missing.json().message.replace('does-not-exist', 'X'),
    );

    const filter = await get(cadre, '/api/v1/people?area=qs-west');
    expect(filter.statusCode).toBe(404);
    expect(filter.json()).toEqual({ error: 'not_found', message: 'no area "qs-west" in your area' });

    expect((await patch(cadre, westWorkerId, { name: '改名' })).statusCode).toBe(404);
    expect((await db.person.findUniqueOrThrow({ where: { id: westWorkerId } })).name).toBe('西村网格员');
  });
});

describe('grid worker tokens', () => {
  it("register their elders' family contacts through the household, and see them in their grid", async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.east1.id);
    const res = await create(worker, {
      name: '李强',
      roles: ['FAMILY_CONTACT'],
      householdId: eastHouseholdId,
      phones: ['13600136000'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().household).toEqual({
      id: eastHouseholdId,
      externalRef: 'E1-A',
      gridId: areas.east1.id,
    });

    const listed = await get(worker, '/api/v1/people?role=FAMILY_CONTACT');
    expect(names(listed.json())).toEqual(['李强']);
    const household = await get(worker, `/api/v1/households/${eastHouseholdId}`);
    expect(
      household
        .json()
        .members.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(['李奶奶', '李强']);
  });

  it('may filter by their own village, and see only their grid in it', async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.east1.id);
    const res = await get(worker, '/api/v1/people?area=qs-east');
    expect(res.statusCode).toBe(200);
    expect(names(res.json())).toEqual(['李奶奶', '李强', '王芳']);
  });

  it('may not register anyone but family contacts (403), nor a second member of the same name', async () => {
    const worker = await tokenHeaders(db, 'GRID_WORKER', areas.east1.id);
    const colleague = await create(worker, {
      name: '张伟',
      roles: ['GRID_WORKER'],
      areaId: areas.east1.id,
      phones: ['13800138003'],
    });
    expect(colleague.statusCode).toBe(403);
    expect(colleague.json()).toEqual({
      error: 'forbidden',
      message: 'a GRID_WORKER token manages only FAMILY_CONTACT people; this person is GRID_WORKER',
    });
    const twin = await create(worker, {
      name: '李强',
      roles: ['FAMILY_CONTACT'],
      householdId: eastHouseholdId,
      phones: ['13800138003'],
    });
    expect(twin.json().fields).toEqual([
      { field: 'name', reason: 'the household already has a member named 李强' },
    ]);
  });

  it('dispatchers read people but do not register them', async () => {
    const dispatcher = await tokenHeaders(db, 'DISPATCHER', areas.town.id);
    expect((await get(dispatcher, '/api/v1/people')).statusCode).toBe(200);
    const res = await create(dispatcher, {
      name: '调度员',
      roles: ['DISPATCHER'],
      areaId: areas.town.id,
      phones: ['13800138004'],
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('PATCH /api/v1/people/:id', () => {
  let cadreId: string;

  beforeAll(async () => {
    const res = await create(bearer(ADMIN_TOKEN), {
      name: '陈书记',
      roles: ['CADRE'],
      areaId: areas.east.id,
      phones: ['13500135000'],
    });
    cadreId = res.json().id;
  });

  it("replaces a person's phones and name, and audits what changed", async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id, '东村 书记');
    const res = await patch(cadre, cadreId, { name: '陈建国', phones: ['13500135001', '13500135000'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '陈建国', phones: ['+8613500135001', '+8613500135000'] });
    expect((await get(cadre, `/api/v1/people/${cadreId}`)).json().phones).toEqual([
      '+8613500135001',
      '+8613500135000',
    ]);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { subject: `person:${cadreId}`, action: 'person.update' },
    });
    expect(entry.actor).toMatch(/^token:.+:东村 书记$/);
    expect(entry.details).toEqual({
      name: { from: '陈书记', to: '陈建国' },
      phones: { from: ['+8613500135000'], to: ['+8613500135001', '+8613500135000'] },
      version: 1,
    });
  });

  it('checks the new area against the roles and the scope, and writes nothing on a bad request', async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const toGrid = await patch(cadre, cadreId, { areaId: areas.east1.id, phones: ['1'] });
    expect(toGrid.statusCode).toBe(400);
    expect(toGrid.json().fields).toEqual([
      { field: 'areaId', reason: 'a CADRE serves a VILLAGE or TOWN, but 一组 is a GRID' },
      { field: 'phones[0]', reason: 'not a phone number' },
    ]);
    const toWest = await patch(cadre, cadreId, { areaId: areas.west.id });
    expect(toWest.json().fields).toEqual([{ field: 'areaId', reason: 'no area with this id in your area' }]);
    const removed = await patch(cadre, cadreId, { areaId: null });
    expect(removed.json().fields).toEqual([
      { field: 'areaId', reason: 'a CADRE needs the VILLAGE or TOWN they serve' },
    ]);
    const stored = await db.person.findUniqueOrThrow({ where: { id: cadreId }, include: { phones: true } });
    expect([stored.areaId, stored.phones.length]).toEqual([areas.east.id, 2]);
    expect(
      await db.auditLog.count({ where: { subject: `person:${cadreId}`, action: 'person.update' } }),
    ).toBe(1);
  });

  it('moves a grid worker to another grid of the village', async () => {
    const cadre = await tokenHeaders(db, 'CADRE', areas.east.id);
    const worker = (await get(cadre, '/api/v1/people?role=GRID_WORKER&area=qs-east-1')).json().items[0];
    const res = await patch(cadre, worker.id, { areaId: areas.east2.id });
    expect(res.statusCode).toBe(200);
    expect(names((await get(cadre, '/api/v1/people?role=GRID_WORKER&area=qs-east-2')).json())).toEqual([
      '王芳',
    ]);
    expect(
      (
        await db.auditLog.findFirstOrThrow({
          where: { subject: `person:${worker.id}`, action: 'person.update' },
        })
      ).details,
    ).toEqual({
      areaId: { from: areas.east1.id, to: areas.east2.id },
      version: 1,
    });
  });

  it('an empty patch is a 400', async () => {
    const res = await patch(bearer(ADMIN_TOKEN), cadreId, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('validation');
  });
});
