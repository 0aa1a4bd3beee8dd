import { tokenHeaders } from '../api/support/api-fixture';
import { BroadcastsOnStack } from './support/broadcasts-on-stack';

interface Listed {
  id: string;
  title: string;
  cron: string | null;
  occurrences: string[];
  deliveries?: unknown;
}

const DAY_MS = 86_400_000;
const shanghaiDay = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

/** GET /api/v1/broadcasts: the dashboard's calendar, each broadcast with its plays in the window. */
describe('the broadcast calendar list', () => {
  jest.setTimeout(30_000);
  let stack: BroadcastsOnStack;
  let east: Record<string, string>;
  let west: Record<string, string>;

  beforeAll(async () => {
    stack = await BroadcastsOnStack.start('bcboard');
    const a = await stack.village('board-east');
    const b = await stack.village('board-west', { town: '河西镇', village: '西村' });
    east = await tokenHeaders(stack.db, 'CADRE', a.villageId);
    west = await tokenHeaders(stack.db, 'GRID_WORKER', b.gridId);
  });
  afterAll(async () => stack.stop());

  const list = (headers: Record<string, string>, query = '') =>
    stack.linli.api!.inject({ method: 'GET', url: `/api/v1/broadcasts${query}`, headers });

  it("lists a village's recurring notice with each day it plays, to its own area only", async () => {
    const tomorrow = shanghaiDay(Date.now() + DAY_MS);
    const created = await stack.linli.api!.inject({
      method: 'POST',
      url: '/api/v1/broadcasts',
      headers: east,
      payload: {
        title: '防火提醒',
        content: { text: '天干物燥，小心火烛。' },
        targets: { villages: ['board-east'] },
        schedule: {
          cron: '0 8 * * *',
          startAt: `${tomorrow}T00:00:00+08:00`,
          endAt: `${shanghaiDay(Date.now() + 3 * DAY_MS)}T12:00:00+08:00`,
        },
      },
    });
    expect(created.statusCode).toBe(201);

    const mine = await list(east);
    expect(mine.statusCode).toBe(200);
    const [item] = mine.json<{ items: Listed[] }>().items;
    expect(item?.title).toBe('防火提醒');
    expect(item?.deliveries).toBeUndefined();
    expect(item?.occurrences.map((at) => shanghaiDay(Date.parse(at)))).toEqual([
      tomorrow,
      shanghaiDay(Date.now() + 2 * DAY_MS),
      shanghaiDay(Date.now() + 3 * DAY_MS),
    ]);
    // Another village's grid worker does not see it, exactly as GET /api/v1/broadcasts/:id answers.
    expect((await list(west)).json<{ items: Listed[] }>().items).toEqual([]);
  });

  it('refuses a window that ends before it starts', async () => {
    const res = await list(east, '?from=2026-12-10T00:00:00Z&to=2026-12-01T00:00:00Z');
    expect(res.statusCode).toBe(400);
  });
});
