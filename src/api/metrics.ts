import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The registry /metrics serves; other modules register their own metrics into it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by route (the route pattern, not the URL) and status',
  labelNames: ['method', 'route', 'status_code'] as const,
  // Up to 30 s: a large household import is a single request.
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export interface MetricsOptions {
  /** Who may read /metrics (see operations-access.ts); absent: anyone. */
  guard: ((request: FastifyRequest) => Promise<void>) | null;
}

/** Times every request and serves the registry at /metrics (Prometheus text format). */
const serveMetrics: FastifyPluginAsync<MetricsOptions> = async (app, { guard }) => {
  app.addHook('onResponse', async (request, reply) => {
    // Unmatched URLs share one label so scanners cannot blow up the series count.
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get(
    '/metrics',
    {
      schema: { tags: ['operations'], summary: 'Prometheus metrics', security: [] },
      ...(guard && { onRequest: guard }),
    },
    async (_request, reply) => {
      reply.type(metricsRegistry.contentType);
      return metricsRegistry.metrics();
    },
  );
};

export const metricsPlugin = fp(serveMetrics);
