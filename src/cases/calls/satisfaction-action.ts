import { caseFacts } from '../domain/case-log';
import { loadCaseLogSnapshot } from '../store/case-log-snapshot';
import type { CaseJob } from '../timers/case-jobs';
import { firstCallableAt } from '../timers/quiet-hours';
import { satisfactionText } from './case-call-prompts';
import type { CaseCallDeps } from './case-call-deps';
import { placeCaseCall } from './place-case-call';

type SatisfactionJob = Extract<CaseJob, { type: 'satisfaction' }>;

/**
 * Calls the resident of a closed case for their verdict (1 satisfied, 2 basically, 3 not). A job that
 * comes due in quiet hours (it was delayed, a worker was down) waits for their end: returns that time.
 */
export async function runSatisfactionCall(
  deps: CaseCallDeps,
  job: SatisfactionJob,
): Promise<string | number> {
  const { db } = deps.service;
  const now = deps.service.now();
  const callableAt = firstCallableAt(now, deps.quiet);
  if (callableAt > now) return callableAt;
  const c = await loadCaseLogSnapshot(db, job.caseId);
  if (!c || c.state !== 'closed' || !c.callerNumber) return 'stale';
  const facts = caseFacts(c.entries);
  if (facts.round !== job.round) return 'stale';
  return placeCaseCall(deps, {
    caseId: c.id,
    round: facts.round,
    purpose: 'satisfaction',
    target: { target: `caller:${c.callerNumber}`, number: c.callerNumber },
    text: satisfactionText({ number: c.number, category: c.category, address: c.address }),
    choices: [
      { digit: '1', label: '满意' },
      { digit: '2', label: '基本满意' },
      { digit: '3', label: '不满意' },
    ],
    tried: job.tried,
  });
}
