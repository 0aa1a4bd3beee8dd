import { caseFacts } from '../domain/case-log';
import { deadlineCallRole, whyNobodyToCall } from '../domain/nobody-to-call';
import { loadCaseLogSnapshot } from '../store/case-log-snapshot';
import type { CaseJob } from '../timers/case-jobs';
import { escalationText } from './case-call-prompts';
import type { CaseCallDeps } from './case-call-deps';
import { departmentTarget, type CallTarget } from './case-call-targets';
import { placeCaseCall } from './place-case-call';
import { recordNobodyToCall } from './record-nobody-to-call';

/** A job that fires a little early by the queue's clock still counts as due. */
const EARLY_TOLERANCE_MS = 250;

type DeadlineJob = Extract<CaseJob, { type: 'deadline' }>;

/**
 * A deadline job is due: re-derives the stage from the log and, if the stage still runs and the
 * moment has come, rings the assignee (80%) or the ladder's next person (breach); with nobody to ring,
 * the timeline says so. Anything else (the stage ended, the deadline moved, a new round) makes the job
 * a no-op.
 */
export async function runDeadlineAction(deps: CaseCallDeps, job: DeadlineJob): Promise<string> {
  const { db, rules } = deps.service;
  const now = deps.service.now();
  const c = await loadCaseLogSnapshot(db, job.caseId, now);
  if (!c) return 'gone';
  const facts = caseFacts(c.entries);
  if (facts.round !== job.round) return 'stale';
  const policy = rules.policyOf(c.storedPolicy, c.category, c.urgent);
  const stage = rules.evaluate(facts, policy, now).stages.find((s) => s.stage === job.stage);
  if (!stage || stage.deadlineAt === null || stage.warnAt === null) return 'stale';
  const step = deps.ladder[job.level];
  const dueAt = job.kind === 'warn' ? stage.warnAt : stage.deadlineAt + (step?.afterMs ?? 0);
  if (now + EARLY_TOLERANCE_MS < dueAt) return 'not-due';

  const role = deadlineCallRole(job.kind, step);
  let target: CallTarget | null;
  if (role === 'assignee') target = c.targets?.assignee ?? null;
  else if (role === 'department') target = await departmentTarget(db, c);
  else target = c.targets?.supervisor ?? null;
  const purpose = job.kind === 'warn' ? 'escalation-warn' : `escalation-breach-${job.level}`;
  if (!target) {
    const reason = whyNobodyToCall(role, c);
    return recordNobodyToCall(deps, c, facts.round, { purpose, stage: job.stage, role, reason });
  }
  const text = escalationText(
    { number: c.number, category: c.category, address: c.address },
    job.stage,
    job.kind === 'breach',
  );
  return placeCaseCall(deps, {
    caseId: c.id,
    round: facts.round,
    purpose,
    stage: job.stage,
    target,
    text,
    choices: [
      { digit: '1', label: '受理' },
      { digit: '2', label: '已到现场' },
    ],
    tried: job.tried,
  });
}
