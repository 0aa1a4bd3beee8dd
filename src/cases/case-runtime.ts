import type { Platform } from '../app/platform-types';
import { createQueue, QueueName } from '../queue/queues';
import { parseTimeOfDay } from '../time/shanghai-clock';
import type { CaseCallDeps } from './calls/case-call-deps';
import { createCaseService, type CaseService } from './case-service';
import type { WorkingHours } from './domain/sla-clock';
import { caseSlaRules } from './sla/case-sla-rules';
import type { CaseJob, CaseQueue } from './timers/case-jobs';
import { parseLadder } from './timers/escalation-ladder';
import { parseQuietHours } from './timers/quiet-hours';
import { scheduleCaseTimers, type CaseTimerDeps } from './timers/schedule-case-timers';

/** An engine that keeps failing a case call is tried for about ten minutes (20 × 30 s), then given up. */
const INFRASTRUCTURE_RETRIES = 20;
const INFRASTRUCTURE_RETRY_MS = 30_000;

/** What the cases capability builds once per platform: the case service, its timers and its calls. */
export interface CaseRuntime {
  service: CaseService;
  queue: CaseQueue;
  timers: CaseTimerDeps;
  calls: CaseCallDeps;
  close(): Promise<void>;
}

export function createCaseRuntime(platform: Platform, options: { now?: () => number } = {}): CaseRuntime {
  const { env } = platform;
  const logger = platform.logger.child({ component: 'cases' });
  const now = options.now ?? Date.now;
  const rules = caseSlaRules({ hours: workingHours(env.CASE_WORKING_HOURS), logger });
  const queue: CaseQueue = createQueue<CaseJob>(QueueName.cases, platform.queueRedis, env.QUEUE_PREFIX);
  const ladder = parseLadder(env.CASE_ESCALATION_LADDER);
  const quiet = parseQuietHours(env.CASE_QUIET_HOURS);
  const timers: CaseTimerDeps = {
    db: platform.database.db,
    rules,
    queue,
    ladder,
    quiet,
    satisfactionDelayMs: env.CASE_SATISFACTION_DELAY_MS,
    now,
  };
  const service = createCaseService({
    db: platform.database.db,
    rules,
    now,
    mergeWindowMs: env.CASE_MERGE_WINDOW_MINUTES * 60_000,
    onChanged: (caseId) => scheduleCaseTimers(timers, caseId),
  });
  const calls: CaseCallDeps = {
    service,
    calls: platform.calls,
    budget: platform.trunkBudget,
    trunk: env.CASE_CALL_TRUNK ?? env.TRUNKS[0]?.name ?? '',
    ladder,
    quiet,
    redis: platform.redis,
    keyPrefix: env.QUEUE_PREFIX,
    logger,
    retry: {
      policy: {
        attempts: env.CASE_CALL_ATTEMPTS,
        spacingMs: env.CASE_CALL_RETRY_MS,
        infrastructureRetries: INFRASTRUCTURE_RETRIES,
        infrastructureSpacingMs: INFRASTRUCTURE_RETRY_MS,
      },
      queue,
    },
  };
  return { service, queue, timers, calls, close: () => queue.close() };
}

/** "08:30-17:30" as minutes after Shanghai midnight (the env schema has checked the shape). */
function workingHours(value: string): WorkingHours {
  const [start = '', end = ''] = value.split('-');
  return { startMinute: parseTimeOfDay(start) ?? 510, endMinute: parseTimeOfDay(end, true) ?? 1050 };
}
