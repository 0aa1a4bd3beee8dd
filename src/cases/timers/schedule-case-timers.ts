import type { Db } from '../../db/client';
import { caseFacts } from '../domain/case-log';
import type { CaseSlaRules } from '../sla/case-sla-rules';
import { loadCaseLogSnapshot } from '../store/case-log-snapshot';
import type { CaseQueue } from './case-jobs';
import type { LadderStep } from './escalation-ladder';
import { firstCallableAt, type QuietHours } from './quiet-hours';

export interface CaseTimerDeps {
  db: Db;
  rules: CaseSlaRules;
  queue: CaseQueue;
  ladder: readonly LadderStep[];
  quiet: QuietHours;
  satisfactionDelayMs: number;
  now: () => number;
}

/**
 * Puts a case's coming deadline actions on the queue as delayed jobs, derived from its log: the 80%
 * reminder and each breach step of every running stage, and the satisfaction call of a closed case.
 * A job id names the deadline it is for, so scheduling again after any step (or twice) adds only what
 * is new; jobs for deadlines that moved find nothing due when they run.
 */
export async function scheduleCaseTimers(deps: CaseTimerDeps, caseId: string): Promise<void> {
  const row = await loadCaseLogSnapshot(deps.db, caseId);
  if (!row) return;
  const now = deps.now();
  const facts = caseFacts(row.entries);
  const jobs: { name: string; data: Parameters<CaseQueue['add']>[1]; at: number; id: string }[] = [];
  if (row.state === 'closed' && row.closedAt && row.callerNumber) {
    const at = firstCallableAt(row.closedAt.getTime() + deps.satisfactionDelayMs, deps.quiet);
    jobs.push({
      name: 'satisfaction',
      data: { type: 'satisfaction', caseId, round: facts.round },
      at,
      id: `${caseId}-${facts.round}-satisfaction`,
    });
  }
  const policy = deps.rules.policyOf(row.storedPolicy, row.category, row.urgent);
  for (const stage of deps.rules.evaluate(facts, policy, now).stages) {
    const { deadlineAt, warnAt } = stage;
    if (deadlineAt === null || warnAt === null) continue;
    const base = { type: 'deadline' as const, caseId, round: facts.round, stage: stage.stage };
    const key = `${caseId}-${facts.round}-${stage.stage}`;
    jobs.push({
      name: 'deadline',
      data: { ...base, kind: 'warn', level: 0 },
      at: warnAt,
      id: `${key}-warn-${warnAt}`,
    });
    deps.ladder.forEach((step, level) => {
      const at = deadlineAt + step.afterMs;
      jobs.push({
        name: 'deadline',
        data: { ...base, kind: 'breach', level },
        at,
        id: `${key}-breach${level}-${at}`,
      });
    });
  }
  // One round trip to Redis for all of them.
  await deps.queue.addBulk(
    jobs.map((job) => ({
      name: job.name,
      data: job.data,
      opts: { jobId: job.id, delay: Math.max(0, job.at - now), attempts: 3 },
    })),
  );
}
