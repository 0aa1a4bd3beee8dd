import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import type { CallControl } from '../../telephony/call-control';
import type { TrunkBudget } from '../../telephony/trunk-budget';
import type { AttemptJournal } from './attempt-journal';
import type { CallStartPacer } from './call-start-pacer';
import type { ChannelLeases } from './channel-leases';
import type { EmergencyWaits } from './emergency-waits';
import type { TrunkBackoff } from './trunk-backoff';
import type { TrunkQueues } from './trunk-queues';

/** What the campaign dialer works with: all shared state is in PostgreSQL, Redis and Asterisk. */
export interface DialerDeps {
  db: Db;
  calls: CallControl;
  /** The trunk's channels, shared with SOS, hotline and single calls in every linli process. */
  budget: TrunkBudget;
  journal: AttemptJournal;
  leases: ChannelLeases;
  pacer: CallStartPacer;
  queues: TrunkQueues;
  backoff: TrunkBackoff;
  /** Emergency campaigns' calls a full trunk turned away, in every worker process. */
  emergencyWaits: EmergencyWaits;
  logger: Logger;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
