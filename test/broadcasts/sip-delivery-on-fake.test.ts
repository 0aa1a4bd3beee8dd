import { waitFor } from '../support/stack';
import { BroadcastsOnStack } from './support/broadcasts-on-stack';

interface Delivery {
  speakerName: string;
  state: string;
  reason: string | null;
  secondsPlayed: number | null;
}
interface BroadcastBody {
  id: string;
  status: string;
  deliveries: Delivery[];
}

/**
 * SIP speakers paged through the port (the fake engine stands in for Asterisk; the end-to-end test
 * pages real SIP speakers), with PostgreSQL and Redis real.
 */
describe('broadcasts to SIP speakers (on the fake engine)', () => {
  jest.setTimeout(30_000);
  let stack: BroadcastsOnStack;

  beforeAll(async () => {
    // A page plays two seconds: long enough for an emergency to arrive while it plays.
    stack = await BroadcastsOnStack.start('bcsip', 2000);
    await stack.village('sipv');
    for (const endpoint of ['horn-1', 'horn-2', 'horn-dead']) {
      const res = await stack.request('POST', '/api/v1/speakers', {
        name: endpoint,
        area: 'sipv',
        kind: 'sip',
        endpoint,
      });
      expect(res.status).toBe(201);
    }
    stack.fake.speakerState('horn-dead', 'unreachable');
  });
  afterAll(async () => stack.stop());

  const report = (id: string, done: (b: BroadcastBody) => boolean, what: string) =>
    waitFor(
      async () => {
        const { body } = await stack.request<BroadcastBody>('GET', `/api/v1/broadcasts/${id}`);
        return done(body) ? body : undefined;
      },
      20_000,
      what,
    );

  it('pages the reachable speakers together, without a trunk channel, and reports the unreachable one offline', async () => {
    const res = await stack.request<BroadcastBody>('POST', '/api/v1/broadcasts', {
      content: { text: '明天上午停电' },
      priority: 'important',
      targets: { villages: ['sipv'] },
      validMinutes: 0.05,
    });
    expect(res.status).toBe(201);
    const done = await report(res.body.id, (b) => b.status === 'done', 'the broadcast done');
    const byName = Object.fromEntries(done.deliveries.map((d) => [d.speakerName, d]));
    expect(byName['horn-1']).toMatchObject({ state: 'finished' });
    expect(byName['horn-1']!.secondsPlayed).toBeGreaterThan(1.5);
    expect(byName['horn-2']).toMatchObject({ state: 'finished' });
    expect(byName['horn-dead']).toMatchObject({ state: 'failed', reason: 'expired: offline' });
    expect(stack.fake.pages[0]?.speakers).toEqual(expect.arrayContaining(['horn-1', 'horn-2']));
    expect(stack.fake.pages.flatMap((p) => p.speakers)).not.toContain('horn-dead');
    expect(stack.fake.channelsInUse('pstn')).toBe(0);

    const { body: speakers } = await stack.request<{ endpoint: string; online: boolean }[]>(
      'GET',
      '/api/v1/speakers?village=sipv',
    );
    expect(Object.fromEntries(speakers.map((s) => [s.endpoint, s.online]))).toEqual({
      'horn-1': true,
      'horn-2': true,
      'horn-dead': false,
    });
  });

  it('an emergency on one horn ends the normal page; both its horns report preempted', async () => {
    const pagesBefore = stack.fake.pages.length;
    const normal = await stack.request<BroadcastBody>('POST', '/api/v1/broadcasts', {
      content: { text: '今晚村里放电影' },
      targets: { villages: ['sipv'] },
      priority: 'important',
    });
    await waitFor(
      async () =>
        (await stack.db.broadcastDelivery.count({
          where: { broadcastId: normal.body.id, state: 'playing' },
        })) === 2 || undefined,
      10_000,
      'the page playing',
    );
    const horn1 = await stack.db.speaker.findUniqueOrThrow({ where: { endpoint: 'horn-1' } });
    const emergency = await stack.request<BroadcastBody>('POST', '/api/v1/broadcasts', {
      content: { text: '紧急通知：水库泄洪' },
      priority: 'emergency',
      targets: { speakers: [horn1.id] },
    });
    const preempted = await report(
      normal.body.id,
      (b) => b.deliveries.filter((d) => d.state === 'preempted').length === 2,
      'preempted',
    );
    const stopped = preempted.deliveries.filter((d) => d.state === 'preempted');
    expect(stopped.map((d) => d.speakerName).sort()).toEqual(['horn-1', 'horn-2']);
    for (const d of stopped) expect(d.reason).toBe('preempted by 紧急通知：水库泄洪');
    const played = await report(
      emergency.body.id,
      (b) => b.deliveries[0]?.state === 'finished',
      'the emergency played',
    );
    expect(played.deliveries).toHaveLength(1);
    expect(stack.fake.pages.slice(pagesBefore).map((p) => p.speakers)).toEqual([
      expect.arrayContaining(['horn-1', 'horn-2']),
      ['horn-1'],
    ]);
  });
});
