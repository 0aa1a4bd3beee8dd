/**
 * The SLA benchmark's linli side, in processes of their own as it runs in production: the cases
 * worker (deadline actions) and the API. A load generator sharing their event loop measured itself
 * as much as linli. The parent forks them with `startSlaProcess`; they report over Node's IPC channel
 * and exit when the parent goes away.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { buildApiServer } from '../../src/api/server';
import { caseRoutes } from '../../src/cases/api/case-routes';
import type { CaseCallDeps } from '../../src/cases/calls/case-call-deps';
import { createCaseService } from '../../src/cases/case-service';
import { startCasesWorker } from '../../src/cases/cases-worker';
import { caseSlaRules } from '../../src/cases/sla/case-sla-rules';
import type { CaseJob } from '../../src/cases/timers/case-jobs';
import type { CaseTimerDeps } from '../../src/cases/timers/schedule-case-timers';
import { parseLadder } from '../../src/cases/timers/escalation-ladder';
import { openDatabase } from '../../src/db/client';
import { createLogger } from '../../src/logging';
import { createQueue, QueueName } from '../../src/queue/queues';
import { createRedis } from '../../src/queue/redis';
import { TrunkBudget } from '../../src/telephony/trunk-budget';
import { FakeCallControl } from '../../test/support/fake-telephony/fake-call-control';

export interface SlaProcessConfig {
  role: 'worker' | 'api';
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  /** The cases worker's concurrency (worker role). */
  concurrency: number;
}

/** What a worker process reports, every half second and when asked to stop. */
export interface WorkerProgress {
  type: 'progress';
  started: number;
  done: number;
  failed: number;
  /** Worst delay from a job's deadline (named in its id) to the start of its action. */
  maxStartLateMs: number;
  /** Worst delay from a job's deadline to the end of its action. */
  maxDoneLateMs: number;
  peakRss: number;
  /** CPU time this process used (user + system), for the cost of one action. */
  cpuMs: number;
}

type ChildMessage =
  WorkerProgress | { type: 'listening'; port: number } | ApiUsage | { type: 'failed'; reason: string };

/** What the API process reports: its memory and CPU time, for the cost of one request. */
export interface ApiUsage {
  type: 'memory';
  peakRss: number;
  cpuMs: number;
}

/** A running child: its latest report, and a way to stop it. */
export interface SlaProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<number>;
  latest(): WorkerProgress | ApiUsage | undefined;
  stop(): Promise<void>;
}

export function startSlaProcess(config: SlaProcessConfig): SlaProcess {
  const child = fork(__filename, [JSON.stringify(config)], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let latest: WorkerProgress | ApiUsage | undefined;
  const ready = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${config.role} process exited (${code}) early`)));
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else if (message.type === 'failed') reject(new Error(`the ${config.role} process: ${message.reason}`));
      else {
        latest = message;
        if (message.type === 'progress') resolve(0);
      }
    });
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    latest: () => latest,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function trackPeakRss(): () => number {
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250).unref();
  return () => peak;
}

/** The cases worker with every deadline action real; nobody here has a phone, so nothing rings. */
async function runWorker(config: SlaProcessConfig): Promise<void> {
  // Errors only: every case here has nobody to call, which the deadline action warns about.
  const logger = createLogger('error', 'bench-sla-worker');
  const peakRss = trackPeakRss();
  const { db } = await openDatabase(config.databaseUrl);
  const queueRedis = createRedis(config.redisUrl, 'queue');
  const redis = createRedis(config.redisUrl);
  const rules = caseSlaRules({ hours: { startMinute: 510, endMinute: 1050 }, logger });
  const service = createCaseService({ db, rules });
  const calls = new FakeCallControl(['pstn']);
  const deps: CaseCallDeps = {
    service,
    calls,
    budget: new TrunkBudget(calls, [], { logger, redis, prefix: config.prefix }),
    trunk: 'pstn',
    ladder: parseLadder('supervisor:0'),
    quiet: { startMinute: 0, endMinute: 0 },
    redis,
    keyPrefix: config.prefix,
    logger,
  };
  const queue = createQueue<CaseJob>(QueueName.cases, queueRedis, config.prefix);
  const progress: WorkerProgress = {
    type: 'progress',
    started: 0,
    done: 0,
    failed: 0,
    maxStartLateMs: 0,
    maxDoneLateMs: 0,
    peakRss: 0,
    cpuMs: 0,
  };
  // A deadline job's id ends with the deadline it is for (scheduleCaseTimers names them so).
  const dueOf = (job: Job<CaseJob>) => Number(String(job.id).split('-').at(-1));
  const worker = startCasesWorker({
    calls: deps,
    // The benchmark queues deadline jobs only: no sweep runs here.
    timers: { db, rules, queue } as unknown as CaseTimerDeps,
    queue,
    connection: queueRedis,
    prefix: config.prefix,
    concurrency: config.concurrency,
  });
  worker.on('active', (job: Job<CaseJob>) => {
    progress.started++;
    progress.maxStartLateMs = Math.max(progress.maxStartLateMs, Date.now() - dueOf(job));
  });
  worker.on('completed', (job: Job<CaseJob>) => {
    progress.done++;
    progress.maxDoneLateMs = Math.max(progress.maxDoneLateMs, Date.now() - dueOf(job));
  });
  worker.on('failed', (_job, error) => {
    progress.failed++;
    logger.error({ err: error.message }, 'deadline job failed');
  });
  await worker.waitUntilReady();
  const report = () => send({ ...progress, peakRss: peakRss(), cpuMs: cpuMs() });
  report();
  setInterval(report, 500).unref();
}

/** The API with the case routes, as `linli serve --role api` mounts them. */
async function runApi(config: SlaProcessConfig): Promise<void> {
  const logger = createLogger('error', 'bench-sla-api');
  const peakRss = trackPeakRss();
  const { db } = await openDatabase(config.databaseUrl);
  const rules = caseSlaRules({ hours: { startMinute: 510, endMinute: 1050 }, logger });
  const service = createCaseService({ db, rules });
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
  send({ type: 'listening', port: (app.server.address() as AddressInfo).port });
  setInterval(() => send({ type: 'memory', peakRss: peakRss(), cpuMs: cpuMs() }), 500).unref();
}

if (require.main === module) {
  const config = JSON.parse(process.argv[2] ?? '{}') as SlaProcessConfig;
  // The parent gone (ended, killed): nothing is left running.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  (config.role === 'worker' ? runWorker(config) : runApi(config)).catch((error: Error) => {
    send({ type: 'failed', reason: error.message });
    process.exit(1);
  });
}
