import type { CaseFacts } from './case-log';
import type { SlaClock } from './sla-clock';
import { SLA_STAGES, stageBudgetMs, type SlaPolicy, type SlaStage } from './sla-policy';

type StageStatus = 'running' | 'paused' | 'breached' | 'met' | 'missed';

export interface StageSla {
  stage: SlaStage;
  status: StageStatus;
  budgetMs: number;
  /** Counted time used so far (or in all, once the stage ended). */
  usedMs: number;
  /** When the stage breaches / breached; null while paused or once ended. */
  deadlineAt: number | null;
  /** When 80% of the budget is used: the assignee's reminder call. */
  warnAt: number | null;
}

export interface SlaTimers {
  clock: SlaClock;
  /** Counted milliseconds in one working day, for "3 working days". */
  workingDayMs: number;
}

const WARN_FRACTION = 0.8;

/** Every timed stage of the current round as of `now`, in stage order. */
export function slaState(facts: CaseFacts, policy: SlaPolicy, timers: SlaTimers, now: number): StageSla[] {
  return SLA_STAGES.flatMap((stage) => {
    const timing = facts.stages[stage];
    const budgetMs = stageBudgetMs(policy, stage, timers.workingDayMs);
    if (!timing || budgetMs === null) return [];
    return [stageSla(stage, timing.startedAt, timing.endedAt, budgetMs, facts.pauses, timers.clock, now)];
  });
}

function stageSla(
  stage: SlaStage,
  startedAt: number,
  endedAt: number | null,
  budgetMs: number,
  pauses: CaseFacts['pauses'],
  clock: SlaClock,
  now: number,
): StageSla {
  const until = endedAt ?? now;
  const counted = (from: number, to: number): number => {
    let used = clock.measure(from, to);
    for (const pause of pauses) {
      const a = Math.max(from, pause.from);
      const b = Math.min(to, pause.to ?? to);
      if (b > a) used -= clock.measure(a, b);
    }
    return used;
  };
  const usedMs = counted(startedAt, until);
  if (endedAt !== null) {
    return {
      stage,
      status: usedMs <= budgetMs ? 'met' : 'missed',
      budgetMs,
      usedMs,
      deadlineAt: null,
      warnAt: null,
    };
  }
  const open = pauses.find((p) => p.to === null && p.from >= startedAt);
  if (open) return { stage, status: 'paused', budgetMs, usedMs, deadlineAt: null, warnAt: null };
  // Counting resumed at the end of the last pause (or the start): project the budget from there.
  const anchor = Math.max(startedAt, ...pauses.map((p) => (p.to !== null && p.to <= now ? p.to : startedAt)));
  const usedBefore = counted(startedAt, anchor);
  const deadlineAt = clock.advance(anchor, budgetMs - usedBefore);
  const warnAt = clock.advance(anchor, Math.max(0, WARN_FRACTION * budgetMs - usedBefore));
  const status = usedMs >= budgetMs ? 'breached' : 'running';
  return { stage, status, budgetMs, usedMs, deadlineAt, warnAt };
}

/** The earliest deadline still to come or passed of a running stage, for lists and timers. */
export function nextDeadline(stages: readonly StageSla[]): number | null {
  const deadlines = stages.flatMap((s) => (s.deadlineAt === null ? [] : [s.deadlineAt]));
  return deadlines.length === 0 ? null : Math.min(...deadlines);
}
