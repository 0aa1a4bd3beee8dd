import type { FastifyInstance } from 'fastify';
import { tokenHeaders } from '../api/support/api-fixture';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { caseApi } from './support/case-api';

// A fresh database per file is migrated first; on a loaded machine that takes seconds.
jest.setTimeout(30_000);

// Thursday 2026-12-03 10:00 Shanghai, a working day.
const T0 = Date.parse('2026-12-03T10:00:00+08:00');
const MIN = 60_000;

describe('/api/v1/cases', () => {
  let database: TestDatabase;
  let areas: SeededAreas;
  let app: FastifyInstance;
  const clock = { now: T0 };
  let dispatcher: Record<string, string>;
  let eastWorker: Record<string, string>;
  let westWorker: Record<string, string>;
  let workerId: string;

  beforeAll(async () => {
    database = await createTestDatabase('cases_api');
    areas = await seedAreas(database.db);
    ({ app } = await caseApi(database.db, clock));
    dispatcher = await tokenHeaders(database.db, 'DISPATCHER', areas.town.id);
    eastWorker = await tokenHeaders(database.db, 'GRID_WORKER', areas.east1.id);
    westWorker = await tokenHeaders(database.db, 'GRID_WORKER', areas.west1.id);
    const worker = await database.db.person.create({
      data: { name: '王网格', roles: ['GRID_WORKER'], areaId: areas.east1.id, source: 'api' },
    });
    workerId = worker.id;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const post = (url: string, headers: Record<string, string>, payload: object) =>
    app.inject({ method: 'POST', url, headers, payload });

  async function patrolReport(urgent = false): Promise<string> {
    const res = await post('/api/v1/cases', eastWorker, {
      category: 'complaint',
      urgent,
      description: '路灯坏了',
      address: '东村村口',
    });
    expect(res.statusCode).toBe(201);
    return res.json().id;
  }

  it('a grid worker reports a case on patrol; it lands in their grid and only their area sees it', async () => {
    const res = await post('/api/v1/cases', eastWorker, {
      category: 'suggestion',
      description: '增设垃圾桶',
    });
    expect(res.statusCode).toBe(201);
    const { id, number } = res.json();
    expect(number).toMatch(/^20261203\d{4}$/);
    const detail = await app.inject({ url: `/api/v1/cases/${id}`, headers: dispatcher });
    expect(detail.json()).toMatchObject({
      gridId: areas.east1.id,
      villageId: areas.east.id,
      state: 'received',
    });
    expect((await app.inject({ url: `/api/v1/cases/${id}`, headers: westWorker })).statusCode).toBe(404);
    const westList = await app.inject({ url: '/api/v1/cases', headers: westWorker });
    expect(westList.json().items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('refuses an unknown category with the field named, writing nothing', async () => {
    const before = await database.db.governanceCase.count();
    const res = await post('/api/v1/cases', eastWorker, { category: 'gossip', description: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0]).toMatchObject({ field: 'category' });
    expect(await database.db.governanceCase.count()).toBe(before);
  });

  it('lists open cases with the countdown to the next deadline', async () => {
    const id = await patrolReport(true);
    clock.now = T0 + 30_000;
    const list = await app.inject({ url: '/api/v1/cases?state=open&urgent=true', headers: dispatcher });
    const item = list.json().items.find((c: { id: string }) => c.id === id);
    // An urgent case must be accepted within a minute of opening.
    expect(item).toMatchObject({ state: 'received', countdownMs: 30_000 });
    clock.now = T0;
  });

  it('pages through the list with `next`, each case once, soonest deadline first', async () => {
    for (let i = 0; i < 3; i++) await patrolReport(i === 1);
    const all = (await app.inject({ url: '/api/v1/cases?limit=500', headers: dispatcher })).json().items;
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const page = await app.inject({ url: `/api/v1/cases?limit=2${after}`, headers: dispatcher });
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items.map((c: { id: string }) => c.id));
      if (page.json().next === null) break;
      after = `&after=${page.json().next}`;
    }
    expect(seen).toEqual(all.map((c: { id: string }) => c.id));
    const bad = await app.inject({ url: '/api/v1/cases?after=nonsense', headers: dispatcher });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'after' });
  });

  it('refuses a transition the table does not allow with 409 and the reason, and keeps the case as it was', async () => {
    const id = await patrolReport();
    const res = await post(`/api/v1/cases/${id}/transitions`, dispatcher, { to: 'closed' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/received cannot become closed/);
    const detail = (await app.inject({ url: `/api/v1/cases/${id}`, headers: dispatcher })).json();
    expect(detail).toMatchObject({ state: 'received', seq: 1 });
    expect(detail.timeline).toHaveLength(1);
  });

  it('two people accepting at once: exactly one wins, the other gets 409', async () => {
    const id = await patrolReport();
    const [a, b] = await Promise.all([
      post(`/api/v1/cases/${id}/transitions`, dispatcher, { to: 'accepted' }),
      post(`/api/v1/cases/${id}/transitions`, eastWorker, { to: 'accepted' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const detail = (await app.inject({ url: `/api/v1/cases/${id}`, headers: dispatcher })).json();
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(['opened', 'transition']);
  });

  it('a case goes its whole way: accepted, dispatched by the duty roster, on site, resolved, closed', async () => {
    const id = await patrolReport(true);
    await database.db.caseDuty.create({
      data: {
        gridId: areas.east1.id,
        personId: workerId,
        startsAt: new Date(T0 - MIN),
        endsAt: new Date(T0 + 60 * MIN),
      },
    });
    const steps: [string, object][] = [
      [`/api/v1/cases/${id}/transitions`, { to: 'accepted', note: '已受理' }],
      [`/api/v1/cases/${id}/dispatch`, {}],
      [`/api/v1/cases/${id}/transitions`, { to: 'on_site' }],
      [`/api/v1/cases/${id}/transitions`, { to: 'resolved', note: '已修复' }],
      [`/api/v1/cases/${id}/transitions`, { to: 'closed', channel: 'dashboard' }],
    ];
    for (const [i, [url, body]] of steps.entries()) {
      clock.now = T0 + (i + 1) * 20_000;
      const res = await post(url, dispatcher, body);
      expect(res.statusCode).toBe(200);
    }
    const detail = (await app.inject({ url: `/api/v1/cases/${id}`, headers: dispatcher })).json();
    expect(detail).toMatchObject({ state: 'closed', assigneeId: workerId, nextDeadlineAt: null });
    expect(detail.timeline.map((e: { details: { to?: string } }) => e.details.to)).toEqual([
      'received',
      'accepted',
      'dispatched',
      'on_site',
      'resolved',
      'closed',
    ]);
    expect(detail.timeline[5]).toMatchObject({ channel: 'dashboard' });
    expect(detail.sla.stages.map((s: { stage: string; status: string }) => `${s.stage}:${s.status}`)).toEqual(
      ['accept:met', 'dispatch:met', 'on_site:met', 'resolve:met'],
    );
    clock.now = T0;
  });

  it('a transfer to a town department waits for the department to accept it', async () => {
    const dep = await post(
      '/api/v1/case-settings/departments',
      await tokenHeaders(database.db, 'CADRE', null),
      {
        code: 'water',
        name: '水务站',
      },
    );
    expect(dep.statusCode).toBe(201);
    const id = await patrolReport();
    await post(`/api/v1/cases/${id}/transitions`, dispatcher, { to: 'accepted' });
    expect((await post(`/api/v1/cases/${id}/department-acceptance`, dispatcher, {})).statusCode).toBe(409);
    const transferred = await post(`/api/v1/cases/${id}/transfer`, dispatcher, {
      department: 'water',
      note: '吹哨',
    });
    expect(transferred.json()).toMatchObject({ state: 'dispatched' });
    let detail = (await app.inject({ url: `/api/v1/cases/${id}`, headers: dispatcher })).json();
    expect(detail).toMatchObject({ departmentId: dep.json().id, departmentAccepted: false });
    expect((await post(`/api/v1/cases/${id}/department-acceptance`, dispatcher, {})).statusCode).toBe(200);
    detail = (await app.inject({ url: `/api/v1/cases/${id}`, headers: dispatcher })).json();
    expect(detail.departmentAccepted).toBe(true);
  });

  it('refuses an SLA policy with negative times, naming the fields', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/case-settings/sla-policies/complaint/routine',
      headers: await tokenHeaders(database.db, 'CADRE', null),
      payload: { clock: 'working', acceptMinutes: -1, dispatchMinutes: 5, resolveWorkingDays: 3 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toEqual(['acceptMinutes']);
    expect(await database.db.caseSlaPolicy.count()).toBe(0);
  });

  it('derives the same state and SLA after a restart (a new service over the same database)', async () => {
    const id = await patrolReport(true);
    clock.now = T0 + 30_000;
    await post(`/api/v1/cases/${id}/transitions`, dispatcher, { to: 'accepted' });
    clock.now = T0 + 90_000;
    const before = (await app.inject({ url: `/api/v1/cases/${id}`, headers: dispatcher })).json();
    const restarted = await caseApi(database.db, clock);
    const after = (await restarted.app.inject({ url: `/api/v1/cases/${id}`, headers: dispatcher })).json();
    await restarted.app.close();
    expect(after.sla).toEqual(before.sla);
    expect(after.state).toBe('accepted');
    clock.now = T0;
  });

  it('reports the week: on-time rate per stage, closed-loop rate, categories and hotspots, as JSON and CSV', async () => {
    const cadre = await tokenHeaders(database.db, 'CADRE', areas.town.id);
    const res = await app.inject({
      url: '/api/v1/case-reports/figures?from=2026-11-30&to=2026-12-07',
      headers: cadre,
    });
    expect(res.statusCode).toBe(200);
    const figures = res.json();
    expect(figures.opened).toBeGreaterThanOrEqual(7);
    expect(figures.closed).toBe(1);
    expect(figures.onTime.accept.met).toBeGreaterThanOrEqual(2);
    expect(figures.topCategories[0]).toEqual({ category: 'complaint', cases: expect.any(Number) });
    expect(figures.hotspots.grids[0]).toEqual({ id: areas.east1.id, cases: figures.opened });
    const csv = await app.inject({
      url: '/api/v1/case-reports/figures?from=2026-11-30&to=2026-12-07&format=csv',
      headers: cadre,
    });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toMatch(/^metric,key,value\nopened,,\d+/);
    expect(csv.body).toContain('grid,一组,');
    const bad = await app.inject({
      url: '/api/v1/case-reports/figures?from=2026-12-07&to=2026-11-30',
      headers: cadre,
    });
    expect(bad.statusCode).toBe(400);
  });
});
