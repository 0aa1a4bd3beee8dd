import type { Queue } from 'bullmq';
import type { CallTry } from '../domain/call-retry';
import type { SlaStage } from '../domain/sla-policy';

/**
 * The cases capability's queued work, each a hint checked against the case's log when it runs (a job
 * left over from an earlier deadline finds nothing due and does nothing):
 *   deadline: 80% of a stage's time (warn, the assignee's reminder) or its breach (level n of the ladder).
 *   satisfaction: the resident's callback after closing.
 *   Both come again with `tried` when their call went unanswered or the engine failed (call-retry.ts).
 *   sweep: timers for cases opened without them (by another capability, or before a crash).
 */
export type CaseJob =
  | {
      type: 'deadline';
      caseId: string;
      round: number;
      stage: SlaStage;
      kind: 'warn' | 'breach';
      level: number;
      /** A retry of the call (absent: the first dial). */
      tried?: CallTry;
    }
  | { type: 'satisfaction'; caseId: string; round: number; tried?: CallTry }
  | { type: 'sweep' };

export type CaseQueue = Queue<CaseJob>;
