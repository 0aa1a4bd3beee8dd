import type { AddressInfo } from 'node:net';
import { serveEdgeHttp } from '../../src/sip-edge/edge-http';
import { EdgeMetrics } from '../../src/sip-edge/edge-metrics';

describe("the edge process's /healthz and /metrics", () => {
  const metrics = new EdgeMetrics(['local', 'second']);
  const edge = { isUp: (s: string) => s === 'local', metrics, stop: async () => undefined };
  let base = '';
  let close: () => Promise<void>;

  beforeAll(async () => {
    const env = {
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: 0,
      METRICS_ENABLED: true,
      METRICS_ACCESS: 'loopback' as const,
    };
    const server = await serveEdgeHttp(edge, env, ['local', 'second']);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it('says which servers are in the rotation', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok', servers: { local: 'up', second: 'down' } });
  });

  it('counts refused and connected calls and the time the edge added, per server', async () => {
    metrics.refused('scanner');
    metrics.attempt('second', 'timeout');
    metrics.connected('local', 4);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('linli_sip_edge_invites_total{result="refused",reason="scanner"} 1');
    expect(text).toContain('linli_sip_edge_attempts_total{server="second",result="timeout"} 1');
    expect(text).toContain('linli_sip_edge_active_calls{server="local"} 1');
    expect(text).toContain('linli_sip_edge_added_latency_seconds{quantile="0.99"} 0.004');
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${base}/api/v1/campaigns`)).status).toBe(404);
  });
});
