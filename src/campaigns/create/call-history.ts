import type { Db } from '../../db/client';
import type { CallStatistics, DialledOutcome } from '../domain';
import { DEFAULT_CALL_STATISTICS } from '../domain';
import { asOutcome } from '../dialer/attempt-facts';

export interface EndedAttempt {
  outcome: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
}

/** Fewer attempts than this say more about chance than about the villages. */
export const MIN_ATTEMPTS_FOR_HISTORY = 50;
/** Recent behaviour matters most; older attempts are not read. */
const RECENT_ATTEMPTS = 5_000;

const mean = (values: number[], fallback: number): number =>
  values.length === 0 ? fallback : values.reduce((s, v) => s + v, 0) / values.length;

/** The planner's statistics from earlier campaigns' attempts; null when there are too few to trust. */
export function statisticsFromAttempts(attempts: readonly EndedAttempt[]): CallStatistics | null {
  const dialled = attempts.filter((a) => asOutcome(a.outcome) !== 'do_not_call');
  if (dialled.length < MIN_ATTEMPTS_FOR_HISTORY) return null;
  const shares = Object.fromEntries(
    Object.keys(DEFAULT_CALL_STATISTICS.outcomeShares).map((o) => [o, 0]),
  ) as Record<DialledOutcome, number>;
  const ring: number[] = [];
  const talk: number[] = [];
  const noAnswer: number[] = [];
  const setup: number[] = [];
  for (const a of dialled) {
    const outcome = asOutcome(a.outcome) as DialledOutcome;
    shares[outcome] += 1;
    const held = a.endedAt.getTime() - a.startedAt.getTime();
    if (a.answeredAt) {
      ring.push(a.answeredAt.getTime() - a.startedAt.getTime());
      talk.push(a.endedAt.getTime() - a.answeredAt.getTime());
    } else if (outcome === 'no_answer') noAnswer.push(held);
    else setup.push(held);
  }
  const d = DEFAULT_CALL_STATISTICS;
  return {
    outcomeShares: shares,
    meanRingMs: Math.round(mean(ring, d.meanRingMs)),
    meanNoAnswerRingMs: Math.round(mean(noAnswer, d.meanNoAnswerRingMs)),
    meanTalkMs: talk.length === 0 ? null : Math.round(mean(talk, 0)),
    meanUnansweredSetupMs: Math.round(mean(setup, d.meanUnansweredSetupMs)),
  };
}

/** Statistics from the latest attempts of finished campaigns (drills included: the phones are real). */
export async function loadCallHistory(db: Db): Promise<CallStatistics | null> {
  const rows = await db.campaignAttempt.findMany({
    where: { endedAt: { not: null }, campaign: { status: 'COMPLETED' } },
    select: { outcome: true, startedAt: true, answeredAt: true, endedAt: true },
    orderBy: { endedAt: 'desc' },
    take: RECENT_ATTEMPTS,
  });
  return statisticsFromAttempts(rows.flatMap((r) => (r.endedAt ? [{ ...r, endedAt: r.endedAt }] : [])));
}
