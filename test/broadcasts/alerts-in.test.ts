import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { numberedSpeakers, SpeakerFleet } from '../../simulators/speakers/speaker-fleet';
import { waitFor } from '../support/stack';
import { ADMIN, BroadcastsOnStack } from './support/broadcasts-on-stack';

interface Outcome {
  action: string;
  broadcastId: string | null;
  cancelled: string[];
  drill: boolean;
}

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/alerts', name), 'utf8');
/** The fixtures' alerts expired in July; fed in now, they expire in two hours. */
const fresh = (xml: string) =>
  xml.replace(/<(cap:)?expires>[^<]*</g, `<$1expires>${new Date(Date.now() + 2 * 3600_000).toISOString()}<`);

/** Alerts fed in over the API become emergency broadcasts on the speakers of their area (real Mosquitto). */
describe('alerts in', () => {
  jest.setTimeout(30_000);
  let stack: BroadcastsOnStack;
  let fleet: SpeakerFleet;
  const tag = randomBytes(3).toString('hex');
  const speakers = numberedSpeakers(`alert-${tag}`, 2);

  beforeAll(async () => {
    stack = await BroadcastsOnStack.start('bcalert');
    await stack.village(`tao-${tag}`, { town: '清溪镇', village: '桃源村' });
    await stack.village(`far-${tag}`, { town: '远山镇', village: '石头村' });
    for (const [i, s] of speakers.entries()) {
      const res = await stack.request('POST', '/api/v1/speakers', {
        name: s.deviceId,
        area: i === 0 ? `tao-${tag}` : `far-${tag}`,
        kind: 'mqtt',
        endpoint: s.deviceId,
      });
      expect(res.status).toBe(201);
    }
    fleet = await SpeakerFleet.start({ speakers, timeScale: 0.02 });
  });
  afterAll(async () => {
    await fleet.close();
    await stack.stop();
  });

  const feed = async (xml: string) => {
    const res = await stack.linli.api!.inject({
      method: 'POST',
      url: '/api/v1/alerts',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/xml' },
      payload: xml,
    });
    return {
      status: res.statusCode,
      body: res.json() as Outcome & { fields?: { field: string; reason: string }[] },
    };
  };

  it('a CAP rainstorm warning plays on the speakers of the village its area names, and only there', async () => {
    const res = await feed(fresh(fixture('cap-rainstorm-zh.xml')));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ action: 'broadcast', drill: false });
    const id = res.body.broadcastId as string;
    await fleet.waitForAll(id, 'finished', [speakers[0]!.deviceId]);
    const broadcast = await stack.db.broadcast.findUniqueOrThrow({ where: { id } });
    expect(broadcast.priority).toBe('EMERGENCY');
    expect(broadcast.text).toContain('暴雨橙色预警');
    expect(fleet.playsReceivedBy(speakers[1]!.deviceId).filter((c) => c.broadcastId === id)).toEqual([]);

    const again = await feed(fresh(fixture('cap-rainstorm-zh.xml')));
    expect(again.body).toMatchObject({ action: 'duplicate', broadcastId: id });
  });

  it('a Cancel stops the earlier alert’s broadcast', async () => {
    const first = await stack.db.broadcast.findFirstOrThrow({
      where: { alertIdentifier: 'CN-ZJ-HZ-20260703-0815-001' },
    });
    const res = await feed(fixture('cap-rainstorm-cancel.xml'));
    expect(res.body).toMatchObject({ action: 'cancelled', broadcastId: null, cancelled: [first.id] });
    await waitFor(
      async () =>
        (await stack.db.broadcast.findUnique({ where: { id: first.id } }))?.status === 'cancelled' ||
        undefined,
      5000,
      'cancelled',
    );
  });

  it('an Exercise plays as a drill, "演练：" first', async () => {
    const res = await feed(fresh(fixture('gbt-flood-exercise.xml')));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ action: 'broadcast', drill: true });
    const broadcast = await stack.db.broadcast.findUniqueOrThrow({
      where: { id: res.body.broadcastId as string },
    });
    expect(broadcast.drill).toBe(true);
    await fleet.waitForAll(broadcast.id, 'finished', [speakers[0]!.deviceId]);
  });

  it('a GB/T 35965.1 gale warning plays, its Update replaces it, and its Cancel stops the update', async () => {
    // The feed's warning is for the whole district; here it names the town the test village is in.
    const warning = fresh(fixture('gbt-gale-blue.xml')).replace(
      '<areaDesc>余杭区</areaDesc>',
      '<areaDesc>清溪镇</areaDesc>',
    );
    const first = await feed(warning);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ action: 'broadcast', drill: false });
    const firstId = first.body.broadcastId as string;
    await fleet.waitForAll(firstId, 'started', [speakers[0]!.deviceId]);
    expect((await stack.db.broadcast.findUniqueOrThrow({ where: { id: firstId } })).text).toContain(
      '大风蓝色预警',
    );

    const update = await feed(fresh(fixture('gbt-gale-update.xml')));
    expect(update.status).toBe(201);
    expect(update.body).toMatchObject({ action: 'updated', cancelled: [firstId] });
    const updateId = update.body.broadcastId as string;
    expect(updateId).not.toBe(firstId);
    expect((await stack.db.broadcast.findUniqueOrThrow({ where: { id: firstId } })).status).toBe('cancelled');
    await fleet.waitForAll(updateId, 'started', [speakers[0]!.deviceId]);

    const cancel = await feed(fixture('gbt-gale-cancel.xml'));
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ action: 'cancelled', broadcastId: null, cancelled: [updateId] });
    expect((await stack.db.broadcast.findUniqueOrThrow({ where: { id: updateId } })).status).toBe(
      'cancelled',
    );
    // Nothing of it reached the speaker of the other town.
    expect(
      fleet.playsReceivedBy(speakers[1]!.deviceId).filter((c) => [firstId, updateId].includes(c.broadcastId)),
    ).toEqual([]);
  });

  it('refuses XML that is not an alert, with the reason, and writes nothing', async () => {
    const before = await stack.db.broadcast.count();
    for (const name of ['invalid-not-well-formed.xml', 'invalid-missing-fields.xml']) {
      const res = await feed(fixture(name));
      expect(res.status).toBe(400);
      expect(res.body.fields?.length).toBeGreaterThan(0);
    }
    expect(await stack.db.broadcast.count()).toBe(before);
  });
});
