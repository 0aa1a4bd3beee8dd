import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { caseLiveRoutes } from '../../src/cases/api/case-live-routes';
import { createCaseService } from '../../src/cases/case-service';
import { caseSlaRules } from '../../src/cases/sla/case-sla-rules';
import { createLogger } from '../../src/logging';
import { buildTestServer, tokenHeaders } from '../api/support/api-fixture';
import { seedAreas, type SeededAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';

jest.setTimeout(30_000);

/** A WAV's worth of bytes: the route sends the file as it is, so any content will do. */
const RECORDING = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

describe('GET /api/v1/cases/:id/recording (the dashboard’s player)', () => {
  let database: TestDatabase;
  let areas: SeededAreas;
  let app: FastifyInstance;
  let media: string;
  let withRecording: string;
  let withoutRecording: string;
  let eastWorker: Record<string, string>;
  let westWorker: Record<string, string>;

  beforeAll(async () => {
    media = mkdtempSync(path.join(tmpdir(), 'linli-case-media-'));
    mkdirSync(path.join(media, 'recordings'));
    writeFileSync(path.join(media, 'recordings', 'hotline-1.wav'), RECORDING);
    database = await createTestDatabase('case_recording');
    areas = await seedAreas(database.db);
    const rules = caseSlaRules({
      hours: { startMinute: 510, endMinute: 1050 },
      logger: createLogger('silent'),
    });
    const service = createCaseService({ db: database.db, rules, now: Date.now });
    app = await buildTestServer(database.db, { registerRoutes: [caseLiveRoutes(service, media)] });
    const base = {
      channel: 'phone' as const,
      category: 'complaint' as const,
      urgent: false,
      areaId: areas.east1.id,
    };
    withRecording = (
      await service.open({ ...base, recording: { path: 'recordings/hotline-1.wav', seconds: 0.1 } })
    ).id;
    withoutRecording = (await service.open({ ...base, description: '写下来的反映' })).id;
    eastWorker = await tokenHeaders(database.db, 'GRID_WORKER', areas.east1.id);
    westWorker = await tokenHeaders(database.db, 'GRID_WORKER', areas.west1.id);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
    rmSync(media, { recursive: true, force: true });
  });

  const get = (id: string, headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: `/api/v1/cases/${id}/recording`, headers });

  it('plays the whole message for a worker of the case’s area, and says it takes byte ranges', async () => {
    const res = await get(withRecording, eastWorker);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.rawPayload.equals(RECORDING)).toBe(true);
  });

  it('answers a range with just those bytes (206), and a range past the end with 416', async () => {
    const part = await get(withRecording, { ...eastWorker, range: 'bytes=100-199' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/1000');
    expect(part.rawPayload.equals(RECORDING.subarray(100, 200))).toBe(true);
    const past = await get(withRecording, { ...eastWorker, range: 'bytes=5000-' });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe('bytes */1000');
  });

  it('is a 404 outside the caller’s area, exactly like a case that does not exist, and for a case without one', async () => {
    expect((await get(withRecording, westWorker)).statusCode).toBe(404);
    expect((await get(withoutRecording, eastWorker)).statusCode).toBe(404);
    expect((await get(withRecording, {})).statusCode).toBe(401);
  });
});
