import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createApiToken } from '../../src/api/auth/tokens';
import { callsCapability } from '../../src/calls/calls-capability';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { campaignJobId } from '../../src/campaigns/dialer/campaign-job';
import { TrunkQueues } from '../../src/campaigns/dialer/trunk-queues';
import { campaignWatchCommand } from '../../src/cli/commands/campaign-watch';
import { phoneBehaviour } from '../../simulators/phone/phone-behaviour';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import { quickCampaign } from '../campaigns/support/campaign-request';
import { seedVillage, type SeededVillage } from '../campaigns/support/village';
import { ADMIN_TOKEN, authHeader, startTestPlatform, type TestPlatform } from '../support/platform';
import { waitFor } from '../support/stack';

jest.setTimeout(90_000);

const number = (block: string, i: number) => `8613940${block}${String(i).padStart(5, '0')}`;
const ANSWERING = Array.from({ length: 40 }, (_, i) => number('1', i));
const BUSY = Array.from({ length: 4 }, (_, i) => number('2', i));
const WORKERS = [number('3', 0), number('3', 1)];
const LISTED = Array.from({ length: 3 }, (_, i) => number('4', i));

/** A WAV recording of `ms` of a quiet 440 Hz tone, 16-bit mono at 16 kHz (not yet telephony format). */
function wav(ms: number): Buffer {
  const rate = 16_000;
  const samples = (rate * ms) / 1000;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

interface Created {
  campaign: { id: string; status: string; drill: boolean };
  plan: { predictedEnd: string; predictedAttempts: number };
  planBasis: string;
  audience: { targets: number };
}

describe('the campaign API through the real Asterisk', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  let village: SeededVillage;
  let other: SeededVillage;

  beforeAll(async () => {
    pstn = await startPstnSimulator({
      numberPlan: [
        ...[...ANSWERING, ...WORKERS, ...LISTED].map((n) => ({
          number: n,
          behaviour: phoneBehaviour('press:1'),
        })),
        ...BUSY.map((n) => ({ number: n, behaviour: phoneBehaviour('busy') })),
      ],
      port: 5090,
      timeScale: 0.3,
    });
    t = await startTestPlatform([callsCapability, campaignsCapability], { TRUNKS: 'sim-b@local:5:20' });
    village = await seedVillage(
      t.database.db,
      'api',
      [...ANSWERING.slice(0, 8), ...BUSY].map((n) => ({ numbers: [`+${n}`] })),
      { grids: 2, workerPhones: WORKERS.map((n) => `+${n}`) },
    );
    other = await seedVillage(
      t.database.db,
      'api-pause',
      ANSWERING.slice(8, 20).map((n) => ({ numbers: [`+${n}`], tags: ['低保户'] })),
    );
  });

  afterAll(async () => {
    await t?.stop();
    await pstn?.stop();
  });

  const post = (url: string, payload: unknown, headers = authHeader) =>
    t.api.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
  const get = (url: string, headers = authHeader) => t.api.inject({ method: 'GET', url, headers });
  const completed = (id: string) =>
    waitFor(
      async () => (await t.database.db.campaign.findUnique({ where: { id } }))?.status === 'COMPLETED',
      60_000,
      `campaign ${id} to complete`,
    );

  it('documents every campaign route in the OpenAPI description', async () => {
    const paths = Object.keys(
      (await t.api.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: object }>().paths,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/campaigns',
        '/api/v1/campaigns/audience-lists',
        '/api/v1/campaigns/audio',
        '/api/v1/campaigns/{id}',
        '/api/v1/campaigns/{id}/pause',
        '/api/v1/campaigns/{id}/resume',
        '/api/v1/campaigns/{id}/cancel',
        '/api/v1/campaigns/{id}/progress',
        '/api/v1/campaigns/{id}/progress/stream',
        '/api/v1/campaigns/{id}/results',
        '/api/v1/campaigns/{id}/export',
        '/api/v1/campaigns/{id}/door-to-door',
        '/api/v1/campaigns/{id}/notify-grid-workers',
      ]),
    );
  });

  describe('bad input', () => {
    const fieldsOf = async (payload: Record<string, unknown>, headers = authHeader) => {
      const res = await post('/api/v1/campaigns', quickCampaign({ trunk: 'sim-b', ...payload }), headers);
      expect(res.statusCode).toBe(400);
      return res.json<{ fields: { field: string; reason: string }[] }>().fields.map((f) => f.field);
    };

    it.each([
      ['an empty audience', { audience: {} }, ['audience']],
      ['an unknown grid', { audience: { grids: ['no-such-grid'] } }, ['audience.grids[0]']],
      ['an unknown village', { audience: { villages: ['no-such-village'] } }, ['audience.villages[0]']],
      ['a message too long', { message: { text: '通知'.repeat(151) } }, ['message.text']],
      ['a window ending before it starts', { window: { start: '21:00', end: '08:00' } }, ['window.end']],
      ['caps of 0 or less', { maxChannels: 0, maxCallsPerSecond: -1 }, ['maxChannels', 'maxCallsPerSecond']],
      ['an unknown trunk', { trunk: 'nowhere' }, ['trunk']],
      ['a channel cap above the trunk’s', { maxChannels: 6 }, ['maxChannels']],
      [
        'an unknown uploaded list',
        { audience: { listId: '00000000-0000-4000-8000-000000000000' } },
        ['audience.listId'],
      ],
    ])('rejects %s with field errors', async (_what, payload, fields) => {
      const withAudience = { audience: { villages: [village.villageCode] }, ...payload };
      expect(await fieldsOf(withAudience)).toEqual(expect.arrayContaining(fields));
    });

    it('reports every problem at once, and creates and dials nothing', async () => {
      const before = pstn.calls().length;
      const fields = await fieldsOf({
        name: '',
        audience: { grids: ['nowhere'] },
        message: { text: '' },
        window: { start: '25:00' },
        maxChannels: 0,
        trunk: 'nowhere',
        doNotCall: ['12'],
      });
      expect(fields).toEqual(
        expect.arrayContaining([
          'name',
          'audience.grids[0]',
          'message.text',
          'window.start',
          'maxChannels',
          'trunk',
          'doNotCall[0]',
        ]),
      );
      expect(await t.database.db.campaign.count()).toBe(0);
      expect(await t.database.db.campaignTarget.count()).toBe(0);
      expect(pstn.calls().length).toBe(before);
    });

    it('treats areas outside the caller’s own as unknown, and an audience nobody may be called in as empty', async () => {
      const { token } = await createApiToken(t.database.db, {
        name: 'cadre',
        role: 'CADRE',
        areaId: other.villageId,
      });
      const cadre = { authorization: `Bearer ${token}` };
      expect(await fieldsOf({ audience: { villages: [village.villageCode] } }, cadre)).toEqual([
        'audience.villages[0]',
      ]);
      await t.database.db.doNotCall.createMany({
        data: ANSWERING.slice(8, 20).map((n) => ({ e164: `+${n}`, reason: 'test', createdBy: 'test' })),
      });
      try {
        expect(await fieldsOf({ audience: { villages: [other.villageCode] } }, cadre)).toEqual(['audience']);
      } finally {
        await t.database.db.doNotCall.deleteMany();
      }
      expect(await t.database.db.campaign.count()).toBe(0);
    });

    it('validates and plans without creating anything on a dry run', async () => {
      const res = await post(
        '/api/v1/campaigns?dryRun=true',
        quickCampaign({ trunk: 'sim-b', audience: { villages: [village.villageCode] } }),
      );
      expect(res.statusCode).toBe(200);
      const body = res.json<Omit<Created, 'campaign'> & { campaign: null }>();
      expect(body.campaign).toBeNull();
      expect(body.audience.targets).toBe(12);
      expect(body.planBasis).toBe('defaults');
      expect(Date.parse(body.plan.predictedEnd)).toBeGreaterThan(Date.now());
      expect(await t.database.db.campaign.count()).toBe(0);
    });
  });

  it('takes a recorded message (WAV) and refuses a file that is not one', async () => {
    const upload = (payload: Buffer) =>
      t.api.inject({
        method: 'POST',
        url: '/api/v1/campaigns/audio',
        headers: { ...authHeader, 'content-type': 'audio/wav' },
        payload,
      });
    expect((await upload(Buffer.from('not a recording'))).statusCode).toBe(400);
    const saved = await upload(wav(2000));
    expect(saved.statusCode).toBe(201);
    const audio = saved.json<{ id: string; durationMs: number }>();
    expect(audio.durationMs).toBe(2000);
    const planned = await post(
      '/api/v1/campaigns?dryRun=true',
      quickCampaign({
        trunk: 'sim-b',
        drill: true,
        message: { audioFileId: audio.id },
        audience: { villages: [village.villageCode] },
      }),
    );
    expect(planned.statusCode).toBe(200);
    const { MEDIA_DIR, TTS_CODEC } = t.platform.env;
    await rm(join(MEDIA_DIR, 'campaign-audio', `${audio.id}.${TTS_CODEC}`));
  });

  it('pauses (calls in progress finish, no new ones) and resumes where it stopped', async () => {
    const res = await post(
      '/api/v1/campaigns',
      quickCampaign({
        trunk: 'sim-b',
        maxChannels: 2,
        audience: { villages: [other.villageCode], householdTags: ['低保户'] },
      }),
    );
    expect(res.statusCode).toBe(201);
    const id = res.json<Created>().campaign.id;
    const mine = (n: string) => ANSWERING.slice(8, 20).includes(n);
    await waitFor(async () => pstn.calls().filter((c) => mine(c.number)).length >= 3, 30_000, 'a few calls');
    const paused = await post(`/api/v1/campaigns/${id}/pause`, {});
    expect(paused.json()).toMatchObject({ status: 'PAUSED' });
    await waitFor(
      async () =>
        (await t.database.db.campaignTarget.count({ where: { campaignId: id, state: 'DIALING' } })) === 0,
      20_000,
      'calls in progress to finish',
    );
    const atPause = pstn.calls().filter((c) => mine(c.number)).length;
    // Nothing can ring anyone any more: no waiting household of the campaign still has a job in the trunk's queue.
    const queues = new TrunkQueues(t.platform.queueRedis, t.platform.env.QUEUE_PREFIX, t.platform.env.TRUNKS);
    const waiting = await t.database.db.campaignTarget.findMany({
      where: { campaignId: id, state: 'PENDING' },
    });
    expect(waiting.length).toBeGreaterThan(0);
    const jobs = await Promise.all(
      waiting.map((w) => queues.queue('sim-b').getJob(campaignJobId(w.id, w.attemptCount + 1))),
    );
    await queues.close();
    expect(jobs.filter(Boolean)).toEqual([]);
    expect(pstn.calls().filter((c) => mine(c.number)).length).toBe(atPause);
    expect(atPause).toBeLessThan(12);
    const progress = await get(`/api/v1/campaigns/${id}/progress`);
    expect(progress.json()).toMatchObject({ status: 'PAUSED', callsInFlight: 0, households: 12 });
    expect((await post(`/api/v1/campaigns/${id}/pause`, {})).json()).toMatchObject({ status: 'PAUSED' });

    expect((await post(`/api/v1/campaigns/${id}/resume`, {})).json()).toMatchObject({ status: 'RUNNING' });
    await completed(id);
    const calls = pstn.calls().filter((c) => mine(c.number));
    expect(calls).toHaveLength(12);
    expect(new Set(calls.map((c) => c.number)).size).toBe(12);
    expect((await post(`/api/v1/campaigns/${id}/resume`, {})).statusCode).toBe(409);
  });

  it('runs a drill from an uploaded list, de-duplicated by number', async () => {
    const csv = `\uFEFF姓名,电话\n张三,${LISTED[0]}\n李四,+${LISTED[1]}\n王五,${LISTED[1]}\n赵六,${LISTED[2]}\n错号,12345\n`;
    const rejected = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns/audience-lists',
      headers: { ...authHeader, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(rejected.statusCode).toBe(422);
    expect(rejected.json()).toMatchObject({ errors: [{ row: 6, field: 'phone', value: '12345' }] });
    const uploaded = await t.api.inject({
      method: 'POST',
      url: '/api/v1/campaigns/audience-lists?mode=valid-only',
      headers: { ...authHeader, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(uploaded.statusCode).toBe(201);
    const list = uploaded.json<{ id: string; rows: number; duplicates: { row: number }[] }>();
    expect(list).toMatchObject({ rows: 3, duplicates: [{ row: 4 }] });

    const res = await post(
      '/api/v1/campaigns',
      quickCampaign({ trunk: 'sim-b', drill: true, audience: { listId: list.id } }),
    );
    expect(res.statusCode).toBe(201);
    const id = res.json<Created>().campaign.id;
    await completed(id);
    const campaign = await t.database.db.campaign.findUniqueOrThrow({ where: { id } });
    expect(campaign.messageText).toMatch(/^演练：/);
    const results = await get(`/api/v1/campaigns/${id}/results`);
    expect(results.json()).toMatchObject({ total: 3, drill: true });
    expect(
      results
        .json<{ items: { label: string; outcome: string }[] }>()
        .items.map((i) => [i.label, i.outcome])
        .sort(),
    ).toEqual([
      ['张三', 'confirmed'],
      ['李四', 'confirmed'],
      ['赵六', 'confirmed'],
    ]);
  });

  describe('after a campaign with unreached households', () => {
    let id = '';

    beforeAll(async () => {
      const res = await post(
        '/api/v1/campaigns',
        quickCampaign({ trunk: 'sim-b', audience: { villages: [village.villageCode] } }),
      );
      expect(res.statusCode).toBe(201);
      id = res.json<Created>().campaign.id;
      await completed(id);
    });

    it('records its actual course beside the prediction', async () => {
      const campaign = await get(`/api/v1/campaigns/${id}`);
      expect(campaign.json()).toMatchObject({
        status: 'COMPLETED',
        prediction: { predictedAttempts: expect.any(Number), basis: 'defaults' },
        actual: { attempts: 8 + 4 * 3, comparison: { attempts: { actual: 20 } } },
      });
    });

    it('shows each household’s outcome and the timeline of its attempts, page by page', async () => {
      const page = await get(`/api/v1/campaigns/${id}/results?limit=5&offset=0`);
      expect(page.json()).toMatchObject({ total: 12, limit: 5, offset: 0 });
      const busy = await get(`/api/v1/campaigns/${id}/results?outcome=busy`);
      const items = busy.json<{
        items: {
          state: string;
          outcomeLabel: string;
          attempts: { outcome: string; hangupCause: number }[];
        }[];
      }>().items;
      expect(items).toHaveLength(4);
      for (const item of items) {
        expect(item).toMatchObject({ state: 'EXHAUSTED', outcomeLabel: '占线' });
        expect(item.attempts.map((a) => [a.outcome, a.hangupCause])).toEqual([
          ['busy', 17],
          ['busy', 17],
          ['busy', 17],
        ]);
      }
    });

    it('exports CSV that Chinese Excel opens, and XLSX', async () => {
      const csv = await get(`/api/v1/campaigns/${id}/export?format=csv`);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.body.startsWith('\uFEFF户,网格,电话,状态,结果')).toBe(true);
      expect(csv.body.trimEnd().split('\r\n')).toHaveLength(13);
      expect(csv.body).toContain('未接通,占线');

      const xlsx = await t.api.inject({
        method: 'GET',
        url: `/api/v1/campaigns/${id}/export?format=xlsx`,
        headers: authHeader,
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet?.rowCount).toBe(13);
      expect(sheet?.getRow(1).getCell(5).value).toBe('结果');
    });

    it('lists the unreached households per grid worker and calls each worker, who acknowledges', async () => {
      const lists = await get(`/api/v1/campaigns/${id}/door-to-door`);
      const view = lists.json<{
        lists: { name: string; households: unknown[]; message: string }[];
        withoutWorker: unknown[];
      }>();
      expect(view.withoutWorker).toEqual([]);
      expect(view.lists.map((l) => [l.name, l.households.length, l.message]).sort()).toEqual([
        ['网格员1', 2, '您网格内有2户未接通，名单已发送'],
        ['网格员2', 2, '您网格内有2户未接通，名单已发送'],
      ]);

      const notified = await post(`/api/v1/campaigns/${id}/notify-grid-workers`, {});
      expect(notified.statusCode).toBe(202);
      expect(notified.json<{ called: unknown[] }>().called).toHaveLength(2);
      await waitFor(
        async () => {
          const now = (await get(`/api/v1/campaigns/${id}/door-to-door`)).json<{
            lists: { notice: { acknowledged: boolean } | null }[];
          }>();
          return now.lists.every((l) => l.notice?.acknowledged);
        },
        30_000,
        'both grid workers to press 1',
      );
      const again = await post(`/api/v1/campaigns/${id}/notify-grid-workers`, {});
      expect(again.json()).toMatchObject({
        called: [],
        skipped: [{ reason: 'already_notified' }, { reason: 'already_notified' }],
      });
      expect(pstn.calls().filter((c) => WORKERS.includes(c.number))).toHaveLength(2);
    });

    it('streams progress until the campaign is done, and `linli campaign watch` shows it', async () => {
      const stream = await get(`/api/v1/campaigns/${id}/progress/stream`);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(stream.body).toMatch(/^event: progress\ndata: \{.*"status":"COMPLETED"/);
      expect(stream.body).toMatch(/event: end\n/);

      const address = await t.api.listen({ host: '127.0.0.1', port: 0 });
      const printed: string[] = [];
      const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        printed.push(String(chunk));
        return true;
      });
      try {
        expect(await campaignWatchCommand.run([id, '--api', address, '--token', ADMIN_TOKEN])).toBe(0);
      } finally {
        write.mockRestore();
      }
      expect(printed.join('')).toContain('100%  12/12 settled · reached 8');
      expect(printed.join('')).toContain('completed: confirmed 8, busy 4');
    });
  });
});
