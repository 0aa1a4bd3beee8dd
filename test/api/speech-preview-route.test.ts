import type { FastifyInstance } from 'fastify';
import { speechPreviewRoutes } from '../../src/api/routes/speech-preview';
import { cachedTts } from '../../src/speech/create-tts-provider';
import { EspeakRenderer } from '../../src/speech/espeak-renderer';
import { seedAreas } from '../directory/support/area-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { tempMedia } from '../speech/temp-media';
import { buildTestServer, tokenHeaders } from './support/api-fixture';

const MESSAGE = '各位村民请注意，明天上午九点在村委会发放补贴。';

/** The WAV header's format fields and the loudest of its 16-bit samples. */
function readWav(bytes: Buffer) {
  let loudest = 0;
  for (let at = 44; at + 1 < bytes.length; at += 2)
    loudest = Math.max(loudest, Math.abs(bytes.readInt16LE(at)));
  return {
    riff: bytes.toString('ascii', 0, 4) + bytes.toString('ascii', 8, 12),
    format: bytes.readUInt16LE(20),
    channels: bytes.readUInt16LE(22),
    rate: bytes.readUInt32LE(24),
    bits: bytes.readUInt16LE(34),
    ms: ((bytes.length - 44) / 2 / 8000) * 1000,
    loudest,
  };
}

describe('POST /api/v1/speech/preview (the dashboard’s play button)', () => {
  let database: TestDatabase;
  let media: Awaited<ReturnType<typeof tempMedia>>;
  let app: FastifyInstance;
  let cadre: Record<string, string>;
  let gridWorker: Record<string, string>;

  beforeAll(async () => {
    media = await tempMedia();
    database = await createTestDatabase('speech_preview');
    const areas = await seedAreas(database.db);
    const tts = cachedTts(new EspeakRenderer(), media.media);
    app = await buildTestServer(database.db, { registerRoutes: [speechPreviewRoutes(tts, 'alaw')] });
    cadre = await tokenHeaders(database.db, 'CADRE', areas.east1.id);
    gridWorker = await tokenHeaders(database.db, 'GRID_WORKER', areas.east1.id);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
    await media.remove();
  });

  const preview = (payload: unknown, headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/v1/speech/preview', payload: payload as object, headers });

  it('speaks a cadre’s message as a PCM WAV any browser plays, from the same TTS cache calls use', async () => {
    const res = await preview({ text: MESSAGE }, cadre);

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    const wav = readWav(res.rawPayload);
    expect(wav).toMatchObject({ riff: 'RIFFWAVE', format: 1, channels: 1, rate: 8000, bits: 16 });
    expect(wav.ms).toBeGreaterThan(3000);
    expect(wav.loudest).toBeGreaterThan(3000);
    // Rendered once into the cache a campaign with this text plays from.
    expect(await media.files('cache')).toHaveLength(1);
  });

  it('refuses empty, unspeakable, NUL-bearing and too long text with 400, rendering nothing', async () => {
    const before = await media.files('cache');
    for (const text of ['', '   ', 'a\u0000b', '好'.repeat(5001)]) {
      const res = await preview({ text }, cadre);
      expect([text.length, res.statusCode]).toEqual([text.length, 400]);
    }
    expect((await preview({}, cadre)).statusCode).toBe(400);
    expect(await media.files('cache')).toEqual(before);
  });

  it('is described in the OpenAPI document: a JSON body with the text, a WAV answer', async () => {
    type Operation = {
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
      responses: Record<string, { content?: Record<string, unknown> }>;
    };
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, { post?: Operation }>;
    }>();
    const operation = doc.paths['/api/v1/speech/preview']?.post;
    expect(operation?.requestBody.content['application/json']?.schema.required).toEqual(['text']);
    expect(Object.keys(operation?.responses['200']?.content ?? {})).toEqual(['audio/wav']);
  });

  it('is for those who create campaigns and broadcasts: a grid worker gets 403, no token 401', async () => {
    expect((await preview({ text: MESSAGE }, gridWorker)).statusCode).toBe(403);
    expect((await preview({ text: MESSAGE }, {})).statusCode).toBe(401);
  });
});
