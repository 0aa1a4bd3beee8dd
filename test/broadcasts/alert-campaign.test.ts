import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { ADMIN, BroadcastsOnStack } from './support/broadcasts-on-stack';

interface Outcome {
  action: string;
  broadcastId: string | null;
  campaign: { id: string } | { error: string } | null;
  fields?: { field: string; reason: string }[];
}

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/alerts', name), 'utf8');
/** A fixture alert fed in now, as a new alert (its own identifier), expiring in two hours. */
const fresh = (xml: string, identifier: string) =>
  xml
    .replace(/<(cap:)?expires>[^<]*</g, `<$1expires>${new Date(Date.now() + 2 * 3600_000).toISOString()}<`)
    .replace(/<identifier>[^<]*</, `<identifier>${identifier}<`);

/**
 * An alert may also call the households of the villages it reaches (?campaign=true, off by default):
 * an emergency campaign created through the campaigns API with the caller's token, on the real
 * PostgreSQL and Redis.
 */
describe('an alert’s campaign to the households of its area', () => {
  jest.setTimeout(30_000);
  let stack: BroadcastsOnStack;
  const tag = randomBytes(3).toString('hex');

  beforeAll(async () => {
    stack = await BroadcastsOnStack.start('bcalertcamp', 300, [campaignsCapability]);
    const { gridId } = await stack.village(`tao-${tag}`, { town: '清溪镇', village: '桃源村' });
    const far = await stack.village(`far-${tag}`, { town: '远山镇', village: '石头村' });
    for (const [i, grid] of [gridId, gridId, far.gridId].entries()) {
      await stack.db.household.create({
        data: {
          externalRef: `${i}号`,
          gridId: grid,
          address: `${i}号`,
          phones: { create: { e164: `+86138001380${String(i).padStart(2, '0')}` } },
        },
      });
    }
    const res = await stack.request('POST', '/api/v1/speakers', {
      name: `alert-camp-${tag}`,
      area: `tao-${tag}`,
      kind: 'mqtt',
      endpoint: `alert-camp-${tag}`,
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => stack.stop());

  const feed = async (xml: string, query = '') => {
    const res = await stack.linli.api!.inject({
      method: 'POST',
      url: `/api/v1/alerts${query}`,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/xml' },
      payload: xml,
    });
    return { status: res.statusCode, body: res.json<Outcome>() };
  };

  it('by default an alert is broadcast and nobody is called', async () => {
    const before = await stack.db.campaign.count();
    const res = await feed(fresh(fixture('cap-rainstorm-zh.xml'), `camp-off-${tag}`));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ action: 'broadcast', campaign: null });
    expect(await stack.db.campaign.count()).toBe(before);
  });

  it('asked for, it also calls every household of the villages the alert reaches, as an emergency campaign', async () => {
    const res = await feed(
      fresh(fixture('cap-rainstorm-zh.xml'), `camp-on-${tag}`),
      '?campaign=true&trunk=pstn&callerId=057112345678',
    );
    expect(res.status).toBe(201);
    expect(res.body.broadcastId).toEqual(expect.any(String));
    const campaignId = (res.body.campaign as { id: string }).id;
    const campaign = await stack.request<{ name: string; priority: string }>(
      'GET',
      `/api/v1/campaigns/${campaignId}`,
    );
    expect(campaign.body).toMatchObject({
      name: expect.stringContaining('暴雨橙色预警'),
      priority: 'emergency',
    });
    // 桃源村's two households, not 石头村's.
    expect(await stack.db.campaignTarget.count({ where: { campaignId } })).toBe(2);
  });

  it('asked for without a trunk and caller id: 400 naming them, nothing broadcast or called', async () => {
    const [broadcasts, campaigns] = [await stack.db.broadcast.count(), await stack.db.campaign.count()];
    const res = await feed(fresh(fixture('cap-rainstorm-zh.xml'), `camp-bad-${tag}`), '?campaign=true');
    expect(res.status).toBe(400);
    expect(res.body.fields?.map((f) => f.field).sort()).toEqual([
      'querystring.callerId',
      'querystring.trunk',
    ]);
    expect([await stack.db.broadcast.count(), await stack.db.campaign.count()]).toEqual([
      broadcasts,
      campaigns,
    ]);
  });
});
