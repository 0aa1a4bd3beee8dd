import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { incidentStreamRoute } from '../../../src/sos/incidents/incident-stream-route';
import { buildTestServer, tokenHeaders } from '../../api/support/api-fixture';
import { registerElder, type RegisteredElder } from '../support/register-elder';
import { HOLDS_ON, SosOnFake } from '../support/sos-on-fake';

jest.setTimeout(20_000);

interface Incidents {
  items: { id: string; elderId: string; status: string }[];
}

/** Reads a server-sent-event stream as a dashboard does, one `incidents` event at a time. */
async function openStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    async next(): Promise<Incidents> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (block.startsWith('event: incidents') && data) return JSON.parse(data) as Incidents;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += value;
      }
    },
    close: () => abort.abort(),
  };
}

describe('GET /api/v1/sos/incidents/stream', () => {
  let sos: SosOnFake;
  let app: FastifyInstance;
  let base: string;
  let elder: RegisteredElder;

  beforeAll(async () => {
    sos = await SosOnFake.start();
    await sos.startWorker('worker');
    app = await buildTestServer(sos.db, { registerRoutes: [incidentStreamRoute({ db: sos.db })] });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    elder = await registerElder(sos.db, ['family1'], { escalation: { rounds: 1, ringTimeoutSeconds: 1 } });
    sos.fake.phone(elder.contacts.family1.phone, HOLDS_ON);
  });

  let closed = false;
  afterAll(async () => {
    if (!closed) await app?.close();
    await sos?.stop();
  });

  it("sends the grid's incidents again when one opens, and nothing of them to another grid's worker", async () => {
    const ownGrid = await tokenHeaders(sos.db, 'GRID_WORKER', elder.village.gridId);
    const otherGrid = await tokenHeaders(sos.db, 'GRID_WORKER', elder.village.otherGridId);
    const own = await openStream(`${base}/api/v1/sos/incidents/stream`, ownGrid);
    try {
      expect(own.status).toBe(200);
      expect(own.contentType).toBe('text/event-stream; charset=utf-8');
      expect(await own.next()).toEqual({ items: [] });

      sos.fake.callIn('sos', elder.cardSim);
      const opened = await own.next();
      expect(opened.items).toEqual([expect.objectContaining({ elderId: elder.elderId })]);

      const other = await openStream(`${base}/api/v1/sos/incidents/stream`, otherGrid);
      try {
        expect(await other.next()).toEqual({ items: [] });
      } finally {
        other.close();
      }
    } finally {
      own.close();
    }
  });

  it('refuses a token without a role that reads incidents', async () => {
    const family = await tokenHeaders(sos.db, 'RESIDENT', elder.village.gridId);
    const res = await fetch(`${base}/api/v1/sos/incidents/stream`, { headers: family });
    expect(res.status).toBe(403);
  });

  it('ends the dispatcher’s stream when the API process shuts down, instead of reading on without its database', async () => {
    const dispatcher = await tokenHeaders(sos.db, 'DISPATCHER', null);
    const stream = await openStream(`${base}/api/v1/sos/incidents/stream`, dispatcher);
    try {
      await stream.next();
      closed = true;
      await app.close();
      await expect(stream.next()).rejects.toThrow('the stream ended');
    } finally {
      stream.close();
    }
  });
});
