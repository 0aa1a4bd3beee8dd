import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { SimulatedCard } from '../../../simulators/cards/simulated-card';
import { createLogger } from '../../../src/logging';
import { loadCardAlarmSettings } from '../../../src/sos/cards/card-alarm-settings';
import { cardCommandSender } from '../../../src/sos/cards/card-command-sender';
import { CardDirectory } from '../../../src/sos/cards/card-directory';
import {
  cardMessageHandler,
  type CardAlert,
  type SosAlarm,
} from '../../../src/sos/cards/card-message-handler';
import { CardReportWriter } from '../../../src/sos/cards/card-report-writer';
import { buildRadioTables } from '../../../src/sos/domain';
import { createCardGateway, createRedisCommandStore, type CardGateway } from '../../../src/sos/gateway';
import { ElderLocator } from '../../../src/sos/location/elder-locator';
import { locationRoutes } from '../../../src/sos/location/location-routes';
import { cardRoutes } from '../../../src/sos/registry/card-routes';
import { elderRoutes } from '../../../src/sos/registry/elder-routes';
import { ADMIN_TOKEN, bearer, buildTestServer, tokenHeaders } from '../../api/support/api-fixture';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { waitFor } from '../../support/stack';
import { seedSosVillage, VILLAGE_CENTRE, type SosVillage } from '../support/sos-village';

const admin = bearer(ADMIN_TOKEN);
const PHONES: [string, string, string, string] = [
  '+8613900000401',
  '+8613900000402',
  '+8613900000403',
  '+8613900000404',
];

describe('registering elders and cards, and what the cards report', () => {
  let database: TestDatabase;
  let redis: Redis;
  let app: FastifyInstance;
  let gateway: CardGateway;
  let village: SosVillage;
  const alarms: SosAlarm[] = [];
  const alerts: CardAlert[] = [];
  const cards: SimulatedCard[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const db = database.db;
    const logger = createLogger('silent');
    const store = createRedisCommandStore({ redis, keyPrefix: `linli-test:sos:${randomUUID()}` });
    const directory = new CardDirectory(db);
    const writer = new CardReportWriter(db, logger);
    gateway = await createCardGateway({
      host: '127.0.0.1',
      port: 0,
      isKnownDevice: async (imei) => (await directory.byImeiNumber(imei)) !== null,
      onMessage: cardMessageHandler({
        cards: directory,
        writer,
        onSosAlarm: async (a) => void alarms.push(a),
        onCardAlert: async (a) => void alerts.push(a),
        alarmSettings: (elderId) => loadCardAlarmSettings(db, elderId, logger),
        logger,
      }),
      commandStore: store,
      logger,
    });
    const locator = new ElderLocator(db, buildRadioTables([], []), logger);
    app = await buildTestServer(db, {
      registerRoutes: [
        elderRoutes({ db }),
        cardRoutes({ db, commands: cardCommandSender(store, () => gateway), platformSosNumber: '96500' }),
        locationRoutes({ db, locator, now: Date.now }),
      ],
    });
    village = await seedSosVillage(db, PHONES);
  });

  afterAll(async () => {
    await Promise.all(cards.map((c) => c.close()));
    await gateway?.close();
    await app?.close();
    await redis?.quit();
    await database?.drop();
  });

  async function call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
    headers = admin,
  ) {
    const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
    return { status: res.statusCode, body: res.json<T>() };
  }

  async function card(imei: string): Promise<SimulatedCard> {
    const simulated = new SimulatedCard({
      host: '127.0.0.1',
      port: gateway.address.port,
      imei,
      path: [VILLAGE_CENTRE],
    });
    cards.push(simulated);
    await simulated.connect();
    return simulated;
  }

  let elderId: string;
  let cardId: string;

  it('registers an elder with notes, settings and ordered contacts', async () => {
    const created = await call<{ id: string; contacts: unknown[]; settings: unknown; address: string }>(
      'POST',
      '/api/v1/elders',
      {
        personId: village.elderPersonId,
        notes: '高血压，药在床头柜',
        dialect: '吴语',
        settings: { escalation: { mode: 'parallel', rounds: 3 } },
        contacts: [
          { personId: village.family[0]?.personId, role: 'family' },
          {
            personId: village.family[1]?.personId,
            role: 'family',
            phones: ['0571-8888 8888', '13900000402'],
          },
          { personId: village.gridWorker.personId, role: 'grid_worker' },
          { personId: village.cadre.personId, role: 'cadre' },
        ],
      },
    );
    expect(created.status).toBe(201);
    elderId = created.body.id;
    expect(created.body).toMatchObject({
      address: '东巷12号',
      settings: { escalation: { mode: 'parallel', rounds: 3, ringTimeoutSeconds: 30 } },
      contacts: [
        { role: 'family', name: '李明', phones: [PHONES[0]] },
        { role: 'family', name: '李红', phones: ['+8657188888888', '+8613900000402'] },
        { role: 'grid_worker', name: '王网格' },
        { role: 'cadre', name: '赵书记' },
      ],
    });
    expect((await call('POST', '/api/v1/elders', { personId: village.elderPersonId })).status).toBe(409);
  });

  it('reports every problem of a bad contact list at once and keeps the old list', async () => {
    const bad = await call<{ fields: { field: string }[] }>('PUT', `/api/v1/elders/${elderId}/contacts`, {
      contacts: [
        { personId: 'nobody', role: 'family' },
        { personId: village.family[0]?.personId, role: 'family', phones: ['12345'] },
        { personId: village.family[1]?.personId, role: 'grid_worker' },
        { personId: village.elderPersonId, role: 'family' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field)).toEqual([
      'contacts[0].personId',
      'contacts[1].phones[0]',
      'contacts[2].role',
      'contacts[3].personId',
    ]);
    const tooMany = await call<{ fields: { reason: string }[] }>(
      'PUT',
      `/api/v1/elders/${elderId}/contacts`,
      {
        contacts: [village.family[0], village.family[1], village.gridWorker, village.cadre].map((p) => ({
          personId: p?.personId,
          role: 'family',
        })),
      },
    );
    expect(tooMany.body.fields[0]?.reason).toBe('4 family contacts; at most 3 are allowed');
    const elder = await call<{ contacts: unknown[] }>('GET', `/api/v1/elders/${elderId}`);
    expect(elder.body.contacts).toHaveLength(4);
  });

  it('registers a card by IMEI and SIM number, once', async () => {
    const created = await call<{ id: string; simNumber: string }>('POST', `/api/v1/elders/${elderId}/cards`, {
      imei: '863737078055601',
      simNumber: '138 0000 0601',
      model: 'LK-X3',
    });
    expect(created).toMatchObject({ status: 201, body: { simNumber: '+8613800000601' } });
    cardId = created.body.id;
    const again = await call('POST', `/api/v1/elders/${elderId}/cards`, {
      imei: '863737078055601',
      simNumber: '13800000602',
    });
    expect(again.status).toBe(409);
    const badSim = await call<{ fields: { field: string }[] }>('POST', `/api/v1/elders/${elderId}/cards`, {
      imei: '863737078055603',
      simNumber: '123',
    });
    expect(badSim.body.fields[0]?.field).toBe('simNumber');
  });

  it("admits only registered cards and stores what they report, raising an SOS for the alarm's SOS bit", async () => {
    const stranger = await card('863737078055699');
    stranger.sendInit();
    await stranger.closed;

    const registered = await card('863737078055601');
    registered.sendPosition();
    await registered.heartbeatAndWait();
    await registered.pressSos();
    expect(alarms).toEqual([expect.objectContaining({ imei: '863737078055601', unreadable: false })]);
    const fixes = await waitFor(
      async () => {
        const stored = await database.db.locationFix.findMany({
          where: { cardId },
          orderBy: { receivedAt: 'asc' },
        });
        return stored.length === 2 ? stored : undefined;
      },
      5000,
      'both reports stored',
    );
    expect(fixes[1]).toMatchObject({ gpsValid: true, latitude: VILLAGE_CENTRE.lat, battery: 90 });
    const seen = await database.db.card.findUnique({ where: { id: cardId } });
    expect(seen).toMatchObject({ battery: 90, lastSeenAt: expect.any(Date) });
  });

  it("raises a fall as an incident and a card taken off as a look-in alert, as the elder's settings say", async () => {
    const elder = cards.find((c) => c.imei === '863737078055601')!;
    alarms.length = 0;
    await elder.raiseAlarm({ fallDown: true });
    await elder.raiseAlarm({ takenOff: true });
    await elder.raiseAlarm({ lowBattery: true });
    expect(alarms).toEqual([expect.objectContaining({ cause: 'fall', unreadable: false })]);
    expect(alerts).toEqual([expect.objectContaining({ cause: 'taken_off' })]);

    const patched = await call('PATCH', `/api/v1/elders/${elderId}`, {
      settings: { alarms: { fall: false, takenOff: false } },
    });
    expect(patched.status).toBe(200);
    await elder.raiseAlarm({ fallDown: true });
    await elder.raiseAlarm({ takenOff: true });
    await elder.raiseAlarm({ powerOff: true });
    expect(alarms).toHaveLength(1);
    expect(alerts.map((a) => a.cause)).toEqual(['taken_off', 'power_off']);
  });

  it("puts the contacts on the card's SOS key and in its phonebook", async () => {
    const online = cards.find((c) => c.imei === '863737078055601');
    const sent = await call<{ deliveries: { command: string; status: string }[] }>(
      'POST',
      `/api/v1/cards/${cardId}/commands`,
      {
        type: 'sync-contacts',
      },
    );
    expect(sent).toMatchObject({
      status: 202,
      body: {
        deliveries: [
          { command: 'set-sos-numbers', status: 'sent' },
          { command: 'set-phonebook', status: 'sent' },
        ],
      },
    });
    await waitFor(
      () => (online?.settings.phonebook.length ?? 0) > 0 || undefined,
      5000,
      'the phonebook on the card',
    );
    expect(online?.settings.sosNumbers).toEqual(['96500', '13900000401', '057188888888']);
    expect(online?.settings.phonebook.map((e) => e.name)).toEqual([
      '邻里求助',
      '李明',
      '李红',
      '王网格',
      '赵书记',
    ]);

    const interval = await call<{ fields: { field: string }[] }>('POST', `/api/v1/cards/${cardId}/commands`, {
      type: 'set-report-interval',
      seconds: 1,
    });
    expect(interval.status).toBe(400);
    expect(interval.body.fields[0]?.field).toBe('seconds');
  });

  it('keeps a command for a card that is offline until it reports', async () => {
    const second = await call<{ id: string }>('POST', `/api/v1/elders/${elderId}/cards`, {
      imei: '863737078055602',
      simNumber: '13800000602',
    });
    const queued = await call<{ deliveries: { status: string }[] }>(
      'POST',
      `/api/v1/cards/${second.body.id}/commands`,
      {
        type: 'set-report-interval',
        seconds: 300,
      },
    );
    expect(queued.body.deliveries).toEqual([expect.objectContaining({ status: 'queued' })]);
    const late = await card('863737078055602');
    late.sendInit();
    await waitFor(() => late.settings.uploadIntervalSeconds, 5000, 'the interval on the card');
    expect(late.settings.uploadIntervalSeconds).toBe(300);
  });

  it("shows the location to the grid's worker and the village's cadre only, and audits every read", async () => {
    const gridWorker = await tokenHeaders(database.db, 'GRID_WORKER', village.gridId);
    const cadre = await tokenHeaders(database.db, 'CADRE', village.villageId);
    const otherGrid = await tokenHeaders(database.db, 'GRID_WORKER', village.otherGridId);
    const dispatcher = await tokenHeaders(database.db, 'DISPATCHER', null);
    const url = `/api/v1/elders/${elderId}/location`;

    const seen = await call<{ words: string; location: { source: string } }>(
      'GET',
      url,
      undefined,
      gridWorker,
    );
    expect(seen).toMatchObject({ status: 200, body: { words: '东巷12号附近', location: { source: 'gps' } } });
    expect((await call('GET', url, undefined, cadre)).status).toBe(200);
    expect((await call('GET', url, undefined, otherGrid)).status).toBe(404);
    expect((await call('GET', url, undefined, dispatcher)).status).toBe(403);

    const entries = await database.db.auditLog.findMany({
      where: { subject: `elder:${elderId}`, action: { startsWith: 'elder.location' } },
    });
    expect(entries.map((e) => [e.action, (e.details as { reason: string }).reason]).sort()).toEqual([
      ['elder.location.denied', 'outside_area'],
      ['elder.location.denied', 'unrelated'],
      ['elder.location.read', 'cadre_of_village'],
      ['elder.location.read', 'grid_worker_of_grid'],
    ]);
  });

  it("shows the location to a family contact through their own token, and not to another elder's family", async () => {
    const familyToken = async (personId: string | undefined, name: string) => {
      const created = await call<{ id: string; token: string }>('POST', '/api/v1/tokens', {
        name,
        role: 'FAMILY_CONTACT',
        personId,
      });
      expect(created.status).toBe(201);
      return { headers: bearer(created.body.token), actor: `token:${created.body.id}:${name}` };
    };
    const neighbour = await database.db.person.create({
      data: { name: '陈伯', roles: ['ELDER'], householdId: village.householdId },
    });
    const neighbourSon = await database.db.person.create({
      data: { name: '陈强', roles: ['FAMILY_CONTACT'], phones: { create: { e164: '+8613900000405' } } },
    });
    const other = await call('POST', '/api/v1/elders', {
      personId: neighbour.id,
      contacts: [{ personId: neighbourSon.id, role: 'family' }],
    });
    expect(other.status).toBe(201);
    const son = await familyToken(village.family[0]?.personId, '李明 本人');
    const otherFamily = await familyToken(neighbourSon.id, '陈强 本人');
    const url = `/api/v1/elders/${elderId}/location`;

    const seen = await call<{ words: string }>('GET', url, undefined, son.headers);
    expect(seen).toMatchObject({ status: 200, body: { words: '东巷12号附近' } });
    const refused = await call<{ message: string }>('GET', url, undefined, otherFamily.headers);
    expect(refused.status).toBe(403);

    const entries = await database.db.auditLog.findMany({
      where: { subject: `elder:${elderId}`, actor: { in: [son.actor, otherFamily.actor] } },
    });
    expect(entries.map((e) => [e.action, (e.details as { reason: string }).reason, e.actor]).sort()).toEqual([
      ['elder.location.denied', 'unrelated', otherFamily.actor],
      ['elder.location.read', 'family_contact', son.actor],
    ]);
  });

  it('hides elders outside the caller’s area as if they did not exist', async () => {
    const otherVillage = await seedSosVillage(
      database.db,
      ['+8613900000411', '+8613900000412', '+8613900000413', '+8613900000414'],
      'b',
    );
    app.areaTree.invalidate();
    const outsider = await tokenHeaders(database.db, 'CADRE', otherVillage.villageId);
    expect((await call('GET', `/api/v1/elders/${elderId}`, undefined, outsider)).status).toBe(404);
    const listed = await call<{ total: number }>('GET', '/api/v1/elders', undefined, outsider);
    expect(listed.body.total).toBe(0);
  });
});
