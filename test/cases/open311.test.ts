import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { databaseReadiness } from '../../src/api/database-readiness';
import { buildApiServer } from '../../src/api/server';
import { createCaseService } from '../../src/cases/case-service';
import { createOpen311Client } from '../../src/cases/open311/open311-clients';
import { open311Routes } from '../../src/cases/open311/open311-routes';
import { caseSlaRules } from '../../src/cases/sla/case-sla-rules';
import { createLogger } from '../../src/logging';
import { ADMIN_TOKEN } from '../api/support/api-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';

// A fresh database per file is migrated first; on a loaded machine that takes seconds.
jest.setTimeout(30_000);

/**
 * The form FixMyStreet's Open311 client (perllib/Open311.pm) posts for a new report: GeoReport v2's
 * fields plus its own attribute[...] extras, which a server may ignore.
 */
function fixMyStreetForm(apiKey: string, overrides: Record<string, string> = {}): string {
  return new URLSearchParams({
    api_key: apiKey,
    service_code: 'complaint',
    address_string: '东村村口路灯',
    lat: '36.3890',
    long: '120.4470',
    description: '路灯不亮已经三天',
    email: 'resident@example.org',
    first_name: '小明',
    last_name: '张',
    phone: '13800000123',
    media_url: 'http://127.0.0.1/photo/1.jpg',
    'attribute[easting]': '0',
    'attribute[northing]': '0',
    'attribute[fixmystreet_id]': '4711',
    ...overrides,
  }).toString();
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Open311 GeoReport v2', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let apiKey: string;
  let otherKey: string;
  const clock = { now: Date.parse('2026-12-03T10:00:00+08:00') };

  beforeAll(async () => {
    database = await createTestDatabase('cases_o311');
    const rules = caseSlaRules({
      hours: { startMinute: 510, endMinute: 1050 },
      logger: createLogger('silent'),
    });
    const service = createCaseService({ db: database.db, rules, now: () => clock.now });
    app = await buildApiServer({
      db: database.db,
      logger: createLogger('silent'),
      env: {
        LINLI_ADMIN_TOKEN: ADMIN_TOKEN,
        METRICS_ENABLED: false,
        METRICS_ACCESS: 'loopback',
        DOCS_ACCESS: 'loopback',
      },
      readiness: [databaseReadiness(database.db)],
      registerWebhooks: [open311Routes(service)],
    });
    await app.ready();
    apiKey = (await createOpen311Client(database.db, 'FixMyStreet')).apiKey;
    otherKey = (await createOpen311Client(database.db, 'another client')).apiKey;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('lists the services in JSON and XML', async () => {
    const json = await app.inject({ url: `/open311/v2/services.json?api_key=${apiKey}` });
    expect(json.statusCode).toBe(200);
    expect(json.json().map((s: { service_code: string }) => s.service_code)).toEqual([
      'complaint',
      'consultation',
      'suggestion',
      'business',
      'urgent',
    ]);
    const xml = await app.inject({ url: `/open311/v2/services.xml?api_key=${apiKey}` });
    expect(xml.headers['content-type']).toMatch(/text\/xml/);
    const parsed = new XMLParser().parse(xml.body);
    expect(parsed.services.service[0]).toMatchObject({ service_code: 'complaint', service_name: '投诉反映' });
  });

  it('files a FixMyStreet report as a case and gives it back by id, open, in JSON and XML', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: form,
      payload: fixMyStreetForm(apiKey),
    });
    expect(res.statusCode).toBe(201);
    const [{ service_request_id: id }] = res.json();
    expect(id).toMatch(/^20261203\d{4}$/);
    const row = await database.db.governanceCase.findUniqueOrThrow({ where: { number: id } });
    expect(row).toMatchObject({
      channel: 'open311',
      category: 'complaint',
      callerNumber: '+8613800000123',
      latitude: 36.389,
    });

    const one = await app.inject({ url: `/open311/v2/requests/${id}.json?api_key=${apiKey}` });
    expect(one.json()[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'complaint',
      address: '东村村口路灯',
      lat: 36.389,
      long: 120.447,
    });
    const xml = await app.inject({ url: `/open311/v2/requests/${id}.xml?api_key=${apiKey}` });
    expect(new XMLParser({ parseTagValue: false }).parse(xml.body).service_requests.request).toMatchObject({
      service_request_id: id,
      status: 'open',
    });

    await database.db.governanceCase.update({ where: { id: row.id }, data: { state: 'closed' } });
    const closed = await app.inject({ url: `/open311/v2/requests.json?api_key=${apiKey}&status=closed` });
    expect(closed.json().map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
  });

  it('answers a JSON client too, and keeps each client to its own requests', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: otherKey,
        service_code: 'suggestion',
        address_string: '西村',
        description: '增设座椅',
      },
    });
    expect(res.statusCode).toBe(201);
    const mine = await app.inject({ url: `/open311/v2/requests.json?api_key=${otherKey}` });
    expect(mine.json()).toHaveLength(1);
    const theirs = await app.inject({
      url: `/open311/v2/requests/${res.json()[0].service_request_id}.json?api_key=${apiKey}`,
    });
    expect(theirs.statusCode).toBe(404);
  });

  it('refuses a missing key, an unknown service and a request without a location, filing nothing', async () => {
    const before = await database.db.governanceCase.count();
    const noKey = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: form,
      payload: fixMyStreetForm('wrong'),
    });
    expect(noKey.statusCode).toBe(403);
    const badService = await app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: form,
      payload: fixMyStreetForm(apiKey, { service_code: 'potholes' }),
    });
    expect(badService.statusCode).toBe(400);
    expect(new XMLParser().parse(badService.body).errors.error).toMatchObject({ code: 400 });
    const nowhere = new URLSearchParams({
      api_key: apiKey,
      service_code: 'complaint',
      description: 'x',
    }).toString();
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/open311/v2/requests.json',
          headers: form,
          payload: nowhere,
        })
      ).statusCode,
    ).toBe(400);
    expect(await database.db.governanceCase.count()).toBe(before);
  });
});
