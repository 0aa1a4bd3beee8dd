import type { CaseState } from './case-types';
import type { SlaStage } from './sla-policy';

/** What the SLA and state need of one stored event: when it happened and where it took the case. */
export interface LogEntry {
  seq: number;
  at: number;
  /** The state the event put the case in; absent for events that do not move it (a call, a note). */
  to?: CaseState;
}

interface StageTiming {
  startedAt: number;
  endedAt: number | null;
}

/** What a case's log says now: its state and, for the current round, when each stage ran and the pauses. */
export interface CaseFacts {
  state: CaseState;
  /** The state a waiting case returns to. */
  pausedFrom: CaseState | null;
  /** 1 for the first handling, +1 for each reopening. */
  round: number;
  openedAt: number;
  stages: Partial<Record<SlaStage, StageTiming>>;
  /** Intervals waiting for the resident in this round; the last one may still run (to null). */
  pauses: { from: number; to: number | null }[];
  lastSeq: number;
}

/**
 * Folds a case's events (in seq order) into its facts. Only the log is read, so every process, and
 * the same process after a restart, derives the same state and deadlines.
 */
export function caseFacts(log: readonly LogEntry[]): CaseFacts {
  const first = log[0];
  if (!first) throw new RangeError('a case has at least its opening event');
  const facts: CaseFacts = {
    state: 'received',
    pausedFrom: null,
    round: 1,
    openedAt: first.at,
    stages: {
      accept: { startedAt: first.at, endedAt: null },
      resolve: { startedAt: first.at, endedAt: null },
    },
    pauses: [],
    lastSeq: first.seq,
  };
  for (const entry of log.slice(1)) {
    facts.lastSeq = entry.seq;
    if (!entry.to || entry.to === facts.state) continue;
    apply(facts, facts.state, entry.to, entry.at);
  }
  return facts;
}

function apply(facts: CaseFacts, from: CaseState, to: CaseState, at: number): void {
  const end = (stage: SlaStage) => {
    const timing = facts.stages[stage];
    if (timing && timing.endedAt === null) timing.endedAt = at;
  };
  const start = (stage: SlaStage) => {
    facts.stages[stage] = { startedAt: at, endedAt: null };
  };
  if (from === 'waiting_resident') {
    const pause = facts.pauses[facts.pauses.length - 1];
    if (pause) pause.to = at;
    facts.pausedFrom = null;
  }
  switch (to) {
    case 'accepted':
      if (from === 'waiting_resident') break;
      end('accept');
      start('dispatch');
      break;
    case 'dispatched':
      if (from === 'waiting_resident') break;
      end('dispatch');
      start('on_site');
      break;
    case 'on_site':
      if (from === 'waiting_resident') break;
      end('on_site');
      break;
    case 'waiting_resident':
      facts.pausedFrom = from;
      facts.pauses.push({ from: at, to: null });
      break;
    case 'resolved':
      for (const stage of ['accept', 'dispatch', 'on_site', 'resolve'] as const) end(stage);
      break;
    case 'closed':
      break;
    case 'reopened':
      facts.round += 1;
      facts.stages = { accept: { startedAt: at, endedAt: null }, resolve: { startedAt: at, endedAt: null } };
      facts.pauses = [];
      break;
    case 'received':
      break;
  }
  facts.state = to;
}
