import { createServer, type Server } from 'node:http';
import { isLoopback } from '../api/operations-access';
import type { Env } from '../config/env';
import type { SipEdge } from './sip-edge';

/**
 * The edge process's own small HTTP side, on HTTP_HOST:HTTP_PORT (it serves no API): `/healthz` (200
 * once connected to drachtio, with each server's place in the rotation) and Prometheus `/metrics`.
 * The edge keeps no API tokens, so METRICS_ACCESS=token serves this host only, like `loopback`.
 */
export async function serveEdgeHttp(
  edge: SipEdge,
  env: Pick<Env, 'HTTP_HOST' | 'HTTP_PORT' | 'METRICS_ENABLED' | 'METRICS_ACCESS'>,
  servers: readonly string[],
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const rotation = Object.fromEntries(servers.map((s) => [s, edge.isUp(s) ? 'up' : 'down']));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', servers: rotation }));
      return;
    }
    if (req.method === 'GET' && path === '/metrics' && env.METRICS_ENABLED) {
      const open = env.METRICS_ACCESS === 'public' || isLoopback(req.socket.remoteAddress ?? '');
      if (!open) {
        res.writeHead(403, { 'content-type': 'text/plain' });
        res.end('served to this host only (METRICS_ACCESS)\n');
        return;
      }
      edge.metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': edge.metrics.registry.contentType });
          res.end(text);
        },
        (err: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`${err.message}\n`);
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.HTTP_PORT, env.HTTP_HOST, () => resolve());
  });
  return server;
}
