import type { ApiRoutes } from './typed-routes';

/**
 * A dependency /readyz reports on. `check` resolves true when the dependency is usable; false, a string
 * (the reason) or a rejection means it is not. A check that takes longer than the timeout has failed.
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean | string>;
}

interface CheckResult {
  ok: boolean;
  reason?: string;
}

const CHECK_TIMEOUT_MS = 3_000;

async function run(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    const outcome = await Promise.race([check.check(), timeout]);
    if (outcome === true) return { ok: true };
    return { ok: false, reason: outcome === false ? 'not ready' : outcome };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

const checkResultSchema = {
  type: 'object',
  required: ['ok'],
  properties: { ok: { type: 'boolean' }, reason: { type: 'string' } },
} as const;

const readinessSchema = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ready', 'not_ready'] },
    checks: {
      type: 'object',
      additionalProperties: checkResultSchema,
      description: 'one entry per dependency',
    },
  },
} as const;

export const healthRoutes: ApiRoutes<{
  checks: readonly ReadinessCheck[];
  timeoutMs?: number;
}> = async (app, { checks, timeoutMs = CHECK_TIMEOUT_MS }) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process is up (liveness)',
        security: [],
        response: { 200: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } } },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Every dependency (database, redis, ami, ...) is usable; 503 names the ones that are not',
        security: [],
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_request, reply) => {
      const results = await Promise.all(checks.map((c) => run(c, timeoutMs)));
      const entries = checks.map((c, i) => [c.name, results[i] ?? { ok: false, reason: 'not run' }] as const);
      const ready = results.every((r) => r.ok);
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(entries) });
    },
  );
};
