/**
 * Cases SLA benchmark (npm run bench:sla), on the local PostgreSQL and Redis, with no calls placed:
 *  1. SLA_CASES (default 100,000) open urgent cases whose accept deadlines fall evenly over the next
 *     SLA_SPREAD_S seconds (default 300), each with its opening event, written in bulk; their deadline
 *     jobs (the 80% reminder and the breach, as scheduleCaseTimers names them) go on the cases queue.
 *  2. The cases worker runs every job through the real deadline action (re-derive the case from its log,
 *     decide what is due, look for someone to call: nobody has a phone here, so nothing rings).
 *     max_late_ms: the worst delay between a job's due time and the start of its action.
 *  3. Meanwhile the case list and a case's detail are read over HTTP at API_RATE (default 200) requests
 *     a second for API_SECONDS (default 20) with a DISPATCHER token: api_p99_ms.
 * Memory: this process's peak RSS and Redis's used memory at the end.
 *
 *   npm run bench:sla
 *   SLA_CASES=5000 SLA_SPREAD_S=30 API_SECONDS=5 npm run bench:sla   # a quick look
 *
 * Last line: sla_open_cases=<n> max_late_ms=<n> api_p99_ms=<n>, or bench_failed reason="…".
 */
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { buildApiServer } from '../src/api/server';
import { createApiToken } from '../src/api/auth/tokens';
import { caseRoutes } from '../src/cases/api/case-routes';
import type { CaseCallDeps } from '../src/cases/calls/case-call-deps';
import { createCaseService } from '../src/cases/case-service';
import { startCasesWorker } from '../src/cases/cases-worker';
import { caseSlaRules } from '../src/cases/sla/case-sla-rules';
import type { CaseJob } from '../src/cases/timers/case-jobs';
import { parseLadder } from '../src/cases/timers/escalation-ladder';
import { createLogger } from '../src/logging';
import { createQueue, QueueName } from '../src/queue/queues';
import { createRedis } from '../src/queue/redis';
import { TrunkBudget } from '../src/telephony/trunk-budget';
import { FakeCallControl } from '../test/support/fake-telephony/fake-call-control';
import { createTestDatabase } from '../test/support/database';
import { dropRedisKeys } from '../test/support/drop-redis-keys';
import { runBenchmark } from './support/bench-hygiene';

const CASES = Number(process.env.SLA_CASES ?? 100_000);
const SPREAD_MS = Number(process.env.SLA_SPREAD_S ?? 300) * 1000;
const API_RATE = Number(process.env.API_RATE ?? 200);
const API_SECONDS = Number(process.env.API_SECONDS ?? 20);
/** Time to write the cases and queue their jobs before the first deadline. */
const LEAD_MS = Number(process.env.SLA_LEAD_S ?? 60) * 1000;
const ACCEPT_MS = 60_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<string> {
  // Errors only: every case here has nobody to call, which the deadline action warns about.
  const logger = createLogger('error', 'bench-sla');
  const database = await createTestDatabase('bench_sla');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `linli-bench-sla-${Date.now()}`;
  const queueRedis = createRedis(redisUrl, 'queue');
  const redis = createRedis(redisUrl);
  const db = database.db;
  let peakRss = 0;
  const rss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  try {
    const town = await db.area.create({ data: { level: 'TOWN', name: '青山镇', code: 'bench-town' } });
    const village = await db.area.create({
      data: { level: 'VILLAGE', name: '东村', code: 'bench-east', parentId: town.id },
    });
    const grid = await db.area.create({
      data: { level: 'GRID', name: '一组', code: 'bench-east-1', parentId: village.id },
    });

    const start = Date.now();
    const firstDeadline = start + LEAD_MS;
    console.log(
      `writing ${CASES} open cases, deadlines over ${SPREAD_MS / 1000} s from +${LEAD_MS / 1000} s`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "GovernanceCase" (id, number, channel, category, urgent, state, "villageId", "gridId", "openedAt",
         "eventCount", "nextDeadlineAt", "updatedAt")
       SELECT gen_random_uuid()::text, 'B' || lpad(i::text, 9, '0'), 'api', 'complaint', true, 'received', $1, $2,
         to_timestamp(($3::double precision + i * $4::double precision - $5) / 1000), 1,
         to_timestamp(($3::double precision + i * $4::double precision) / 1000), now()
       FROM generate_series(0, $6 - 1) AS i`,
      village.id,
      grid.id,
      firstDeadline,
      SPREAD_MS / CASES,
      ACCEPT_MS,
      CASES,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "CaseEvent" (id, "caseId", seq, at, type, actor, channel, note, details)
       SELECT gen_random_uuid()::text, id, 1, "openedAt", 'opened', 'system', 'api', '', '{"to":"received","version":1}'::jsonb
       FROM "GovernanceCase"`,
    );
    const rows = await db.governanceCase.findMany({ select: { id: true, openedAt: true } });
    const queue = createQueue<CaseJob>(QueueName.cases, queueRedis, prefix);
    for (let i = 0; i < rows.length; i += 5000) {
      const now = Date.now();
      await queue.addBulk(
        rows.slice(i, i + 5000).flatMap(({ id, openedAt }) => {
          const warnAt = openedAt.getTime() + 0.8 * ACCEPT_MS;
          const deadline = openedAt.getTime() + ACCEPT_MS;
          const base = { type: 'deadline' as const, caseId: id, round: 1, stage: 'accept' as const };
          return [
            {
              name: 'deadline',
              data: { ...base, kind: 'warn' as const, level: 0 },
              opts: { jobId: `${id}-1-accept-warn-${warnAt}`, delay: Math.max(0, warnAt - now) },
            },
            {
              name: 'deadline',
              data: { ...base, kind: 'breach' as const, level: 0 },
              opts: { jobId: `${id}-1-accept-breach0-${deadline}`, delay: Math.max(0, deadline - now) },
            },
          ];
        }),
      );
    }
    const queuedAt = Date.now();
    console.log(`cases written and ${rows.length * 2} jobs queued in ${queuedAt - start} ms`);
    if (queuedAt > firstDeadline - 0.2 * ACCEPT_MS)
      throw new Error('setup took longer than the lead; raise SLA_LEAD_S');

    const rules = caseSlaRules({ hours: { startMinute: 510, endMinute: 1050 }, logger });
    const service = createCaseService({ db, rules });
    const calls = new FakeCallControl(['pstn']);
    const callDeps: CaseCallDeps = {
      service,
      calls,
      budget: new TrunkBudget(calls, [], { logger }),
      trunk: 'pstn',
      ladder: parseLadder('supervisor:0'),
      quiet: { startMinute: 0, endMinute: 0 },
      redis,
      keyPrefix: prefix,
      logger,
    };
    let maxLate = 0;
    let done = 0;
    const worker = startCasesWorker({
      calls: callDeps,
      timers: undefined as never,
      queue,
      connection: queueRedis,
      prefix,
    });
    worker.on('completed', (job: Job<CaseJob>) => {
      done++;
      const due = job.timestamp + (job.opts.delay ?? 0);
      maxLate = Math.max(maxLate, (job.processedOn ?? due) - due);
    });
    worker.on('failed', (_job, error) => logger.error({ err: error.message }, 'deadline job failed'));

    const token = (await createApiToken(db, { name: 'bench', role: 'DISPATCHER', areaId: town.id })).token;
    const app = await buildApiServer({
      db,
      logger,
      env: {
        LINLI_ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
        METRICS_ENABLED: false,
        METRICS_ACCESS: 'loopback',
        DOCS_ACCESS: 'loopback',
      },
      readiness: [],
      registerRoutes: [caseRoutes(service)],
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${token}` };
    await new Promise((r) => setTimeout(r, Math.max(0, firstDeadline - Date.now())));
    const latencies: number[] = [];
    // A request that failed (reset, refused, not 200) is counted and named, never timed as fast.
    const failures: string[] = [];
    const requests: Promise<void>[] = [];
    const total = API_RATE * API_SECONDS;
    const apiStart = Date.now();
    for (let i = 0; i < total; i++) {
      const wait = apiStart + (i * 1000) / API_RATE - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const url =
        i % 2 === 0
          ? `${base}/api/v1/cases?state=open&limit=50`
          : `${base}/api/v1/cases/${rows[(i * 7919) % rows.length]?.id}`;
      const t0 = performance.now();
      requests.push(
        fetch(url, { headers })
          .then(async (res) => {
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
            latencies.push(performance.now() - t0);
          })
          .catch((error: Error) => void failures.push(error.message)),
      );
    }
    await Promise.all(requests);
    latencies.sort((a, b) => a - b);
    const p99 = Math.round(percentile(latencies, 99));
    console.log(
      `api: ${latencies.length} requests at ${API_RATE}/s, p50 ${Math.round(percentile(latencies, 50))} ms, p99 ${p99} ms`,
    );

    const lastDue = firstDeadline + SPREAD_MS;
    while (done < rows.length * 2 && Date.now() < lastDue + 120_000)
      await new Promise((r) => setTimeout(r, 500));
    const redisMemory = /used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? '0';
    console.log(
      `deadline actions: ${done} of ${rows.length * 2} done, worst lateness ${maxLate} ms; ` +
        `peak RSS ${Math.round(peakRss / 2 ** 20)} MiB, Redis ${Math.round(Number(redisMemory) / 2 ** 20)} MiB`,
    );
    if (done < rows.length * 2) throw new Error(`only ${done} of ${rows.length * 2} deadline actions ran`);
    if (failures.length > total / 100) throw new Error(`${failures.length} of ${total} API requests failed`);
    await worker.close();
    await queue.close();
    await app.close();
    return `sla_open_cases=${CASES} max_late_ms=${maxLate} api_p99_ms=${p99}`;
  } finally {
    clearInterval(rss);
    await dropRedisKeys(prefix).catch(() => undefined);
    queueRedis.disconnect();
    redis.disconnect();
    await database.drop();
  }
}

runBenchmark({ asterisk: false }, main);
