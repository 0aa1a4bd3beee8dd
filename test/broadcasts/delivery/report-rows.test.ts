import { finalWrites } from '../../../src/broadcasts/delivery/final-report';
import {
  markPlaying,
  markSeen,
  ownedDeliveries,
  writeFinal,
} from '../../../src/broadcasts/delivery/report-rows';
import { bulkSql } from '../../../src/db/bulk-sql';
import { createTestDatabase, type TestDatabase } from '../../support/database';

// Speakers' reports written in bulk on the real PostgreSQL: a report counts only for the device's own delivery.
let database: TestDatabase;
const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
const t0 = Date.parse('2026-12-04T08:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase('reportrows');
  const { db } = database;
  const village = await db.area.create({ data: { level: 'VILLAGE', name: '测试村', code: 'rr-village' } });
  const broadcast = await db.broadcast.create({
    data: { title: '通知', priority: 'NORMAL', validSeconds: 600, status: 'playing', createdBy: 'test' },
  });
  for (const name of ['a', 'b', 'c'] as const) {
    const speaker = await db.speaker.create({
      data: { name, endpoint: `dev-${name}`, kind: 'MQTT', areaId: village.id, villageId: village.id },
    });
    const delivery = await db.broadcastDelivery.create({
      data: {
        broadcastId: broadcast.id,
        occurrence: new Date(t0),
        speakerId: speaker.id,
        state: 'sent',
        expiresAt: new Date(t0 + 600_000),
      },
    });
    ids[name] = delivery.id;
  }
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

const delivery = (id: string) => database.db.broadcastDelivery.findUniqueOrThrow({ where: { id } });

describe('speakers’ reports written in bulk', () => {
  it('started: the devices’ own deliveries play from the batch’s time; another device’s report changes nothing', async () => {
    const owned = await markPlaying(
      bulkSql(database.db),
      [
        { deliveryId: ids.a, deviceId: 'dev-a' },
        { deliveryId: ids.b, deviceId: 'dev-a' },
      ],
      t0 + 1000,
      t0 + 1020,
    );
    expect(owned).toEqual([{ deliveryId: ids.a, deviceId: 'dev-a' }]);
    expect(await delivery(ids.a)).toMatchObject({ state: 'playing', startedAt: new Date(t0 + 1000) });
    expect(await delivery(ids.b)).toMatchObject({ state: 'sent', startedAt: null });
  });

  it('final: each delivery written as its report says, only in the states the write expects', async () => {
    const sql = bulkSql(database.db);
    const owned = await ownedDeliveries(sql, [
      { deliveryId: ids.a, deviceId: 'dev-a' },
      { deliveryId: ids.b, deviceId: 'dev-b' },
      { deliveryId: ids.c, deviceId: 'dev-a' },
    ]);
    expect(owned.map((d) => [d.id, d.deviceId, d.startedAt]).sort()).toEqual(
      [
        [ids.a, 'dev-a', t0 + 1000],
        [ids.b, 'dev-b', null],
      ].sort(),
    );
    const status = { at: new Date(t0 + 14_000) };
    await writeFinal(
      sql,
      [
        ...finalWrites(
          { ...status, deliveryId: ids.a, state: 'finished', secondsPlayed: 12.5 },
          new Date(t0 + 1000),
          t0 + 14_000,
        ).map((write) => ({ deliveryId: ids.a, write })),
        ...finalWrites(
          { ...status, deliveryId: ids.b, state: 'refused', reason: 'local mode' },
          null,
          t0 + 14_000,
        ).map((write) => ({ deliveryId: ids.b, write })),
      ],
      t0 + 14_020,
    );
    expect(await delivery(ids.a)).toMatchObject({
      state: 'finished',
      startedAt: new Date(t0 + 1000),
      secondsPlayed: 12.5,
      reason: null,
    });
    expect(await delivery(ids.b)).toMatchObject({
      state: 'failed',
      reason: 'refused: local mode',
      startedAt: null,
      secondsPlayed: null,
    });
    // Heard again: a finished delivery is not failed by a later word.
    await writeFinal(
      sql,
      finalWrites({ ...status, deliveryId: ids.a, state: 'failed' }, null, t0 + 15_000).map((write) => ({
        deliveryId: ids.a,
        write,
      })),
      t0 + 15_000,
    );
    expect(await delivery(ids.a)).toMatchObject({ state: 'finished', secondsPlayed: 12.5 });
  });

  it('presence: online devices seen now, offline ones marked offline with their last sighting kept', async () => {
    await markSeen(
      bulkSql(database.db),
      [
        { deviceId: 'dev-a', online: true },
        { deviceId: 'dev-b', online: true },
      ],
      t0 + 2000,
    );
    await markSeen(
      bulkSql(database.db),
      [
        { deviceId: 'dev-b', online: false },
        { deviceId: 'dev-c', online: true },
      ],
      t0 + 3000,
    );
    const speakers = await database.db.speaker.findMany({
      select: { endpoint: true, online: true, lastSeenAt: true },
      orderBy: { endpoint: 'asc' },
    });
    expect(speakers).toEqual([
      { endpoint: 'dev-a', online: true, lastSeenAt: new Date(t0 + 2000) },
      { endpoint: 'dev-b', online: false, lastSeenAt: new Date(t0 + 2000) },
      { endpoint: 'dev-c', online: true, lastSeenAt: new Date(t0 + 3000) },
    ]);
  });
});
