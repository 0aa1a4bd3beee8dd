import { shanghaiDateKey, shanghaiMinuteOfDay } from '../../time/shanghai-clock';
import { nextCallTry, type CallTry, type DialOutcome } from '../domain/call-retry';
import type { SlaStage } from '../domain/sla-policy';
import type { CaseJob } from '../timers/case-jobs';
import type { CaseCallDeps } from './case-call-deps';

/** What a case call was for, as its CaseCall row keeps it. */
export interface CaseCallFor {
  caseId: string;
  round: number;
  /** escalation-warn, escalation-breach-<level>, satisfaction. */
  purpose: string;
  stage: SlaStage | null;
}

/** The job that dials the call again: the same deadline action or callback, with how far it got. */
function retryJob(call: CaseCallFor, tried: CallTry): CaseJob | null {
  if (call.purpose === 'satisfaction') {
    return { type: 'satisfaction', caseId: call.caseId, round: call.round, tried };
  }
  if (!call.stage) return null;
  const base = {
    type: 'deadline' as const,
    caseId: call.caseId,
    round: call.round,
    stage: call.stage,
    tried,
  };
  if (call.purpose === 'escalation-warn') return { ...base, kind: 'warn', level: 0 };
  const level = /^escalation-breach-(\d+)$/.exec(call.purpose)?.[1];
  return level === undefined ? null : { ...base, kind: 'breach', level: Number(level) };
}

function clock(at: number): string {
  const minute = shanghaiMinuteOfDay(at);
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${shanghaiDateKey(at)} ${hhmm}`;
}

/**
 * Decides whether a case call that ended (or could not be dialled) is tried again, queues the retry
 * if so, and returns what the timeline says about it (null: nothing to say, or no retry queue here).
 * The job re-derives everything when it runs, so a case accepted meanwhile is not rung again.
 */
export async function retryCaseCall(
  deps: CaseCallDeps,
  call: CaseCallFor,
  outcome: DialOutcome,
  tried: CallTry,
): Promise<{ queued: boolean; note: string } | null> {
  if (!deps.retry) return null;
  const now = deps.service.now();
  const decision = nextCallTry({
    outcome,
    tried,
    now,
    policy: deps.retry.policy,
    // Residents are not called in quiet hours; a grid worker on duty is, about an urgent case.
    quiet: call.purpose === 'satisfaction' ? deps.quiet : null,
  });
  if (decision.kind === 'stop')
    return outcome === 'answered' ? null : { queued: false, note: decision.reason };
  const job = retryJob(call, decision.next);
  if (!job) return null;
  await deps.retry.queue.add(job.type, job, {
    jobId: `${call.caseId}-${call.round}-${call.purpose}-${call.stage ?? ''}-dial${decision.next.dials}`,
    delay: Math.max(0, decision.at - now),
  });
  return { queued: true, note: `${decision.reason}: calling again at ${clock(decision.at)} (Shanghai)` };
}
