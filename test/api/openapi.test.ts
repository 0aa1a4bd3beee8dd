import type { FastifyInstance } from 'fastify';
import { callRoutes } from '../../src/calls/call-routes';
import { campaignRoutes } from '../../src/campaigns/api/campaign-routes';
import type { CampaignServices } from '../../src/campaigns/campaign-services';
import type { Db } from '../../src/db/client';
import { incidentRoutes } from '../../src/sos/incidents/incident-routes';
import { incidentStreamRoute } from '../../src/sos/incidents/incident-stream-route';
import { unknownCallerRoutes } from '../../src/sos/incidents/unknown-caller-routes';
import { locationRoutes } from '../../src/sos/location/location-routes';
import { cardRoutes } from '../../src/sos/registry/card-routes';
import { elderRoutes } from '../../src/sos/registry/elder-routes';
import { buildTestServer } from './support/api-fixture';

/** Route registration reads no dependency: these stand in for them, and no request reaches a handler. */
const unused = {} as never;
const db = unused as Db;
const campaignServices = {
  platform: { database: { db } },
  close: async () => {},
} as unknown as CampaignServices;

interface Operation {
  requestBody?: { content: Record<string, { schema?: object }> };
  parameters?: { in: string; name: string }[];
  responses: Record<string, unknown>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

/** Writes that act on the resource in their path and take nothing else. */
const WITHOUT_BODY = [
  'POST /api/v1/campaigns/{id}/pause',
  'POST /api/v1/campaigns/{id}/resume',
  'POST /api/v1/campaigns/{id}/cancel',
  'POST /api/v1/campaigns/{id}/notify-grid-workers',
];

describe('the OpenAPI document of the whole API', () => {
  let app: FastifyInstance;
  let operations: [string, Operation][];

  beforeAll(async () => {
    app = await buildTestServer(db, {
      readiness: [],
      registerRoutes: [
        callRoutes({ db, queue: unused, trunks: [] }),
        campaignRoutes(() => campaignServices),
        elderRoutes({ db }),
        cardRoutes({ db, commands: unused, platformSosNumber: '96500' }),
        locationRoutes({ db, locator: unused, now: Date.now }),
        incidentRoutes({ db, runner: unused }),
        incidentStreamRoute({ db }),
        unknownCallerRoutes({ db }),
      ],
    });
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<Document>();
    operations = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        op,
      ]),
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists every route at the URL the README and clients use', () => {
    expect(operations.map(([name]) => name).sort()).toEqual(
      [
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
        'POST /api/v1/areas',
        'GET /api/v1/areas',
        'POST /api/v1/tokens',
        'GET /api/v1/tokens',
        'DELETE /api/v1/tokens/{id}',
        'GET /api/v1/me',
        'GET /api/v1/households',
        'GET /api/v1/households/{id}',
        'POST /api/v1/households/import',
        'POST /api/v1/people',
        'GET /api/v1/people',
        'GET /api/v1/people/{id}',
        'PATCH /api/v1/people/{id}',
        'POST /api/v1/calls',
        'GET /api/v1/calls/{id}',
        'POST /api/v1/campaigns',
        'GET /api/v1/campaigns',
        'POST /api/v1/campaigns/audience-lists',
        'POST /api/v1/campaigns/audio',
        'GET /api/v1/campaigns/{id}',
        'POST /api/v1/campaigns/{id}/pause',
        'POST /api/v1/campaigns/{id}/resume',
        'POST /api/v1/campaigns/{id}/cancel',
        'GET /api/v1/campaigns/{id}/progress',
        'GET /api/v1/campaigns/{id}/progress/stream',
        'GET /api/v1/campaigns/{id}/results',
        'GET /api/v1/campaigns/{id}/export',
        'GET /api/v1/campaigns/{id}/door-to-door',
        'POST /api/v1/campaigns/{id}/notify-grid-workers',
        'POST /api/v1/elders',
        'GET /api/v1/elders',
        'GET /api/v1/elders/{id}',
        'PATCH /api/v1/elders/{id}',
        'PUT /api/v1/elders/{id}/contacts',
        'POST /api/v1/elders/{id}/cards',
        'POST /api/v1/cards/{id}/commands',
        'GET /api/v1/elders/{id}/location',
        'GET /api/v1/sos/incidents',
        'GET /api/v1/sos/incidents/stream',
        'GET /api/v1/sos/incidents/{id}',
        'POST /api/v1/sos/incidents/{id}/resolve',
        'GET /api/v1/sos/unknown-calls',
      ].sort(),
    );
  });

  it('has a body schema for every write that takes a body', () => {
    const writes = operations.filter(([name]) => /^(POST|PUT|PATCH) /.test(name));
    const missing = writes
      .filter(([name]) => !WITHOUT_BODY.includes(name))
      .filter(([, op]) => {
        const media = Object.values(op.requestBody?.content ?? {});
        return media.length === 0 || media.some((m) => m.schema === undefined);
      })
      .map(([name]) => name);
    expect(missing).toEqual([]);
    for (const name of WITHOUT_BODY) {
      expect(writes.find(([n]) => n === name)?.[1].requestBody).toBeUndefined();
    }
  });

  it('declares each path parameter and a success response for every route', () => {
    for (const [name, op] of operations) {
      const inPath = [...name.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect({ name, params: declared }).toEqual({ name, params: inPath });
      if (name === 'GET /api/v1/campaigns/{id}/progress/stream') continue; // a hijacked event stream
      expect({ name, success: Object.keys(op.responses).some((code) => /^2/.test(code)) }).toEqual({
        name,
        success: true,
      });
    }
  });
});
