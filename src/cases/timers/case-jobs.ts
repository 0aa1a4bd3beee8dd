import type { Queue } from 'bullmq';
import type { SlaStage } from '../domain/sla-policy';

/**
 * The cases capability's queued work, each a hint checked against the case's log when it runs (a job
 * left over from an earlier deadline finds nothing due and does nothing):
 *   deadline: 80% of a stage's time (warn, the assignee's reminder) or its breach (level n of the ladder).
 *   satisfaction: the resident's callback after closing.
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
    }
  | { type: 'satisfaction'; caseId: string; round: number }
  | { type: 'sweep' };

export type CaseQueue = Queue<CaseJob>;
