/**
 * Cases SLA benchmark (npm run bench:sla), on the local PostgreSQL and Redis, with no calls placed:
 *  1. SLA_CASES (default 100,000) open urgent cases whose accept deadlines fall evenly over the next
 *     SLA_SPREAD_S seconds (default 300), each with a log of three events, written with set-based SQL
 *     (not 100,000 API calls); their deadline jobs (the 80% reminder and the breach, named as
 *     scheduleCaseTimers names them) go on the cases queue.
 *  2. SLA_WORKERS (default 1) cases worker processes (concurrency SLA_CONCURRENCY, default the
 *     production 50) run every job through the real deadline action (the case's log and policy in one
 *     statement, the SLA derived, the person to call looked up: nobody has a phone here, so nothing
 *     rings). max_late_ms: the worst delay between a job's deadline and the start of its action.
 *  3. Meanwhile, from this process, the case list and a case's detail are read over HTTP from an API
 *     process at API_RATE (default 200) requests a second for API_SECONDS (default 20) with a
 *     DISPATCHER token: api_p99_ms, also shown per second. The same requests for API_WARMUP_S (default
 *     5) seconds just before are not measured: a running API has warm connections and compiled code.
 * Memory: each process's peak RSS, Redis's used memory and the database's size, on the line before
 * the last. The database and the Redis keys are removed at the end, and a run that was killed has its
 * leftovers removed by the next one.
 *
 *   npm run bench:sla
 *   SLA_CASES=5000 SLA_SPREAD_S=30 SLA_LEAD_S=20 API_SECONDS=5 npm run bench:sla   # a quick look
 *
 * Last line: sla_open_cases=<n> max_late_ms=<n> api_p99_ms=<n>, or bench_failed reason="…".
 */
import http from 'node:http';
import pg from 'pg';
import { createApiToken } from '../src/api/auth/tokens';
import type { CaseJob } from '../src/cases/timers/case-jobs';
import { createQueue, QueueName } from '../src/queue/queues';
import { createRedis } from '../src/queue/redis';
import { createTestDatabase } from '../test/support/database';
import { dropRedisKeys } from '../test/support/drop-redis-keys';
import { runBenchmark } from './support/bench-hygiene';
import {
  startSlaProcess,
  type ApiUsage,
  type SlaProcess,
  type WorkerProgress,
} from './support/sla-processes';

const CASES = Number(process.env.SLA_CASES ?? 100_000);
const SPREAD_MS = Number(process.env.SLA_SPREAD_S ?? 300) * 1000;
const API_RATE = Number(process.env.API_RATE ?? 200);
const API_SECONDS = Number(process.env.API_SECONDS ?? 20);
/** Requests sent before the measured ones, as a server that has been running has seen. */
const WARMUP_SECONDS = Number(process.env.API_WARMUP_S ?? 5);
const WORKERS = Number(process.env.SLA_WORKERS ?? 1);
const CONCURRENCY = Number(process.env.SLA_CONCURRENCY ?? 50);
/** Time to write the cases and queue their jobs before the first deadline. */
const LEAD_MS = Number(process.env.SLA_LEAD_S ?? 120) * 1000;
const ACCEPT_MS = 60_000;
const DB_LABEL = 'bench_sla';
const PREFIX_STEM = 'linli-bench-sla';
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const MiB = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

/** At most this many connections to the API, kept alive, as a reverse proxy in front of it would hold. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One GET over the shared connections; resolves with the status once the whole body has arrived. */
function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers, timeout: 60_000 }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 60 s')));
    request.on('error', reject);
  });
}

/** `count` GETs of `url(i)` at API_RATE a second, each timed to its whole body. */
async function sendRequests(
  url: (i: number) => string,
  headers: Record<string, string>,
  count: number,
): Promise<{ timings: { second: number; ms: number }[]; failures: string[] }> {
  const timings: { second: number; ms: number }[] = [];
  // A request that failed (reset, refused, not 200) is counted and named, never timed as fast.
  const failures: string[] = [];
  const requests: Promise<void>[] = [];
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / API_RATE - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    const second = Math.floor(i / API_RATE);
    requests.push(
      get(url(i), headers)
        .then((status) => {
          if (status !== 200) throw new Error(`${url(i)}: ${status}`);
          timings.push({ second, ms: performance.now() - t0 });
        })
        .catch((error: Error) => void failures.push(error.message)),
    );
  }
  await Promise.all(requests);
  return { timings, failures };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A run killed half-way (SIGKILL, a reboot) left its database and keys: the next run removes them. */
async function removeLeftovers(redisUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'linli_${DB_LABEL}_%'`,
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    if (rows.length > 0) console.log(`removed ${rows.length} database(s) an earlier run left`);
  } finally {
    await admin.end();
  }
  const redis = createRedis(redisUrl);
  try {
    const prefixes = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX_STEM}-*`, 'COUNT', 1000);
      for (const key of keys) prefixes.add(key.split(':')[0] ?? '');
      cursor = next;
    } while (cursor !== '0');
    for (const prefix of prefixes) await dropRedisKeys(prefix);
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<string> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await removeLeftovers(redisUrl);
  const database = await createTestDatabase(DB_LABEL);
  const prefix = `${PREFIX_STEM}-${Date.now()}`;
  const queueRedis = createRedis(redisUrl, 'queue');
  const redis = createRedis(redisUrl);
  const db = database.db;
  const children: SlaProcess[] = [];
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

    // Started first: they load and connect while the cases are written.
    const config = { databaseUrl: database.url, redisUrl, prefix, concurrency: CONCURRENCY };
    const api = startSlaProcess({ ...config, role: 'api' });
    children.push(api);
    const workers = Array.from({ length: WORKERS }, () => startSlaProcess({ ...config, role: 'worker' }));
    children.push(...workers);

    const start = Date.now();
    const firstDeadline = start + LEAD_MS;
    console.log(
      `writing ${CASES} open cases, deadlines over ${SPREAD_MS / 1000} s from +${LEAD_MS / 1000} s; ` +
        `${WORKERS} worker process(es) at concurrency ${CONCURRENCY}, the API in its own process`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "GovernanceCase" (id, number, channel, category, urgent, state, "villageId", "gridId", "openedAt",
         "eventCount", "nextDeadlineAt", "updatedAt", address, description)
       SELECT gen_random_uuid()::text, 'B' || lpad(i::text, 9, '0'), 'api', 'complaint', true, 'received', $1, $2,
         to_timestamp(($3::double precision + i * $4::double precision - $5) / 1000), 3,
         to_timestamp(($3::double precision + i * $4::double precision) / 1000), now(), '东巷' || i || '号', '路灯不亮'
       FROM generate_series(0, $6 - 1) AS i`,
      village.id,
      grid.id,
      firstDeadline,
      SPREAD_MS / CASES,
      ACCEPT_MS,
      CASES,
    );
    // Opened, then two steps that do not move it (a note, a call): a log as a case has it.
    await db.$executeRawUnsafe(
      `INSERT INTO "CaseEvent" (id, "caseId", seq, at, type, actor, channel, note, details)
       SELECT gen_random_uuid()::text, c.id, s.seq, c."openedAt" + (s.seq - 1) * interval '1 second',
         s.type, 'system', 'api', s.note, s.details::jsonb
       FROM "GovernanceCase" c CROSS JOIN (VALUES
         (1, 'opened', '', '{"to":"received","version":1}'),
         (2, 'note', '居民补充了地址', '{"version":1}'),
         (3, 'call', '', '{"version":1,"call":{"purpose":"escalation-warn","to":"+8613800000000","outcome":"no-answer"}}')
       ) AS s(seq, type, note, details)`,
    );
    await db.$executeRawUnsafe('ANALYZE "GovernanceCase"; ANALYZE "CaseEvent"');
    const written = Date.now();
    const rows = await db.$queryRaw<{ id: string; opened: bigint }[]>`
      SELECT id, floor(extract(epoch FROM "openedAt") * 1000)::bigint AS opened FROM "GovernanceCase"`;
    const queue = createQueue<CaseJob>(QueueName.cases, queueRedis, prefix);
    for (let i = 0; i < rows.length; i += 5000) {
      const now = Date.now();
      await queue.addBulk(
        rows.slice(i, i + 5000).flatMap(({ id, opened }) => {
          const warnAt = Number(opened) + 0.8 * ACCEPT_MS;
          const deadline = Number(opened) + ACCEPT_MS;
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
    const jobs = rows.length * 2;
    const queuedAt = Date.now();
    console.log(
      `cases written in ${written - start} ms (set-based SQL), ${jobs} jobs queued in ${queuedAt - written} ms`,
    );
    const firstJob = firstDeadline - 0.2 * ACCEPT_MS;

    const port = await api.ready;
    await Promise.all(workers.map((w) => w.ready));
    if (Date.now() > firstJob) throw new Error('setup took longer than the lead; raise SLA_LEAD_S');
    const progress = () => workers.map((w) => w.latest() as WorkerProgress | undefined);
    // Loading modules and connecting is not part of an action's cost.
    const workerCpuAtStart = progress().reduce((n, p) => n + (p?.cpuMs ?? 0), 0);

    const token = (await createApiToken(db, { name: 'bench', role: 'DISPATCHER', areaId: town.id })).token;
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${token}` };
    const url = (i: number) =>
      i % 2 === 0
        ? `${base}/api/v1/cases?state=open&limit=50`
        : `${base}/api/v1/cases/${rows[(i * 7919) % rows.length]?.id}`;
    // A running API has its connections open, its statements prepared and its code compiled: a few
    // seconds of the same requests right before the measured ones, which start with the deadline jobs.
    await new Promise((r) => setTimeout(r, Math.max(0, firstJob - WARMUP_SECONDS * 1000 - Date.now())));
    const warmSeconds = Math.max(0, Math.min(WARMUP_SECONDS, (firstJob - Date.now()) / 1000));
    const warm = await sendRequests(url, headers, Math.floor(API_RATE * warmSeconds));
    if (warm.failures.length > 0) throw new Error(`warm-up request failed: ${warm.failures[0]}`);
    await new Promise((r) => setTimeout(r, Math.max(0, firstJob - Date.now())));
    const apiCpuBefore = (api.latest() as ApiUsage | undefined)?.cpuMs ?? 0;
    const total = API_RATE * API_SECONDS;
    const { timings, failures } = await sendRequests(url, headers, total);
    const latencies = timings.map((t) => t.ms);
    latencies.sort((a, b) => a - b);
    const p99 = Math.round(percentile(latencies, 99));
    // Per second of the run, so a slow stretch (the deadline burst beside it) shows, not only the whole.
    const bySecond = Array.from({ length: API_SECONDS }, (_, s) =>
      timings
        .filter((t) => t.second === s)
        .map((t) => t.ms)
        .sort((a, b) => a - b),
    );
    console.log(`api p99 by second (ms): ${bySecond.map((l) => Math.round(percentile(l, 99))).join(' ')}`);
    await new Promise((r) => setTimeout(r, 600));
    const apiCpu = ((api.latest() as ApiUsage | undefined)?.cpuMs ?? 0) - apiCpuBefore;
    console.log(
      `api: ${latencies.length} requests at ${API_RATE}/s, p50 ${Math.round(percentile(latencies, 50))} ms, ` +
        `p99 ${p99} ms, ${failures.length} failed${failures[0] ? ` (${failures[0]})` : ''}; ` +
        `API process CPU ${(apiCpu / total).toFixed(2)} ms a request`,
    );

    const lastDue = firstDeadline + SPREAD_MS;
    const doneCount = () => progress().reduce((n, p) => n + (p?.done ?? 0) + (p?.failed ?? 0), 0);
    let lastShown = 0;
    while (doneCount() < jobs && Date.now() < lastDue + 120_000) {
      await new Promise((r) => setTimeout(r, 500));
      if (Date.now() - lastShown > 30_000) {
        lastShown = Date.now();
        const p = progress();
        console.log(
          `  ${doneCount()} of ${jobs} deadline actions done, worst lateness so far ` +
            `${Math.max(...p.map((x) => x?.maxStartLateMs ?? 0))} ms`,
        );
      }
    }
    // The last reports (every half second) after the last job.
    await new Promise((r) => setTimeout(r, 1200));
    const final = progress();
    const done = final.reduce((n, p) => n + (p?.done ?? 0), 0);
    const failed = final.reduce((n, p) => n + (p?.failed ?? 0), 0);
    const maxLate = Math.max(...final.map((p) => p?.maxStartLateMs ?? 0));
    const maxDoneLate = Math.max(...final.map((p) => p?.maxDoneLateMs ?? 0));
    const workerCpu = final.reduce((n, p) => n + (p?.cpuMs ?? 0), 0) - workerCpuAtStart;
    console.log(
      `deadline actions: ${done} of ${jobs} done, ${failed} failed; worst lateness ${maxLate} ms to the ` +
        `start of an action, ${maxDoneLate} ms to its end; worker CPU ${(workerCpu / Math.max(1, done)).toFixed(2)} ms an action`,
    );
    const redisMemory = /used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? '0';
    const [size] = await db.$queryRaw<
      { bytes: bigint }[]
    >`SELECT pg_database_size(current_database()) AS bytes`;
    const apiRss = api.latest()?.peakRss ?? 0;
    console.log(
      `memory: worker process(es) peak RSS ${final.map((p) => MiB(p?.peakRss ?? 0)).join(', ')}; API process ` +
        `${MiB(apiRss)}; load generator ${MiB(peakRss)}; Redis ${MiB(Number(redisMemory))}; ` +
        `PostgreSQL database ${MiB(Number(size?.bytes ?? 0))}`,
    );
    if (done + failed < jobs) throw new Error(`only ${done + failed} of ${jobs} deadline actions ran`);
    if (failed > 0) throw new Error(`${failed} of ${jobs} deadline actions failed`);
    if (failures.length > total / 100) throw new Error(`${failures.length} of ${total} API requests failed`);
    await queue.close();
    return `sla_open_cases=${CASES} max_late_ms=${maxLate} api_p99_ms=${p99}`;
  } finally {
    clearInterval(rss);
    agent.destroy();
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
    await dropRedisKeys(prefix).catch(() => undefined);
    queueRedis.disconnect();
    redis.disconnect();
    await database.drop();
  }
}

runBenchmark({ asterisk: false }, main);
