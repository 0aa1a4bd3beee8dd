import type { Redis } from '../../queue/redis';
import type { Logger } from '../../logging';
import type { CallControl } from '../../telephony/call-control';
import type { TrunkBudget } from '../../telephony/trunk-budget';
import type { CaseService } from '../case-service';
import type { CallRetryPolicy } from '../domain/call-retry';
import type { CaseQueue } from '../timers/case-jobs';
import type { LadderStep } from '../timers/escalation-ladder';
import type { QuietHours } from '../timers/quiet-hours';

/** What placing case calls and acting on their keys needs. */
export interface CaseCallDeps {
  service: CaseService;
  calls: CallControl;
  budget: TrunkBudget;
  trunk: string;
  ladder: readonly LadderStep[];
  quiet: QuietHours;
  redis: Redis;
  /** Redis key prefix of this installation. */
  keyPrefix: string;
  logger: Logger;
  ringTimeoutMs?: number;
  /** Unanswered calls and engine failures are tried again on this queue (absent: each call rings once). */
  retry?: { policy: CallRetryPolicy; queue: CaseQueue };
}
