import type { Db } from '../../db/client';
import type { TargetState } from '../../generated/prisma/client';
import type { CampaignRecord } from '../campaign-record';
import { nextStep, type NextStep } from '../domain';
import { attemptHistory } from './attempt-facts';
import { completeIfDone } from './campaign-completion';
import { jobPriority } from './campaign-job';
import type { TrunkQueues } from './trunk-queues';

export interface SettleDeps {
  db: Db;
  queues: TrunkQueues;
}

/** Campaigns whose households are still queued for their next attempt. */
const QUEUEING: readonly string[] = ['RUNNING', 'SCHEDULED'];

/**
 * Applies the retry rules to a household after an attempt ended: final, exhausted, or pending with its
 * next attempt queued (delayed until it is due). Repeating it changes nothing, so a job retried after a
 * crash may run it again. Returns null while an attempt of the household is still in progress.
 */
export async function settleTarget(
  deps: SettleDeps,
  campaign: CampaignRecord,
  targetId: string,
  now = new Date(),
): Promise<NextStep | null> {
  const target = await deps.db.campaignTarget.findUnique({
    where: { id: targetId },
    include: { attempts: { orderBy: { attemptNo: 'asc' } } },
  });
  if (!target || target.attempts.some((a) => a.endedAt === null)) return null;
  const history = attemptHistory(target.attempts);
  const step = nextStep(history, target.numbers, campaign.definition.retry, now);
  const last = history.at(-1)?.outcome ?? null;
  const open = { id: targetId, state: { in: ['PENDING', 'DIALING'] as TargetState[] } };

  if (step.kind === 'retry' && campaign.status === 'CANCELLED') {
    await deps.db.campaignTarget.updateMany({ where: open, data: { state: 'CANCELLED', outcome: last } });
    return step;
  }
  if (step.kind === 'retry') {
    const updated = await deps.db.campaignTarget.updateMany({
      where: open,
      data: {
        state: 'PENDING',
        outcome: last,
        attemptCount: target.attempts.length,
        nextAttemptAt: step.notBefore,
      },
    });
    if (updated.count === 1 && QUEUEING.includes(campaign.status)) {
      await deps.queues.enqueue(campaign.trunk, [
        {
          job: { campaignId: campaign.id, targetId, attemptNo: target.attempts.length + 1 },
          priority: jobPriority(campaign.priority),
          delayMs: step.notBefore.getTime() - now.getTime(),
        },
      ]);
    }
    return step;
  }
  await deps.db.campaignTarget.updateMany({
    where: open,
    data: {
      state: step.kind === 'final' ? 'FINAL' : 'EXHAUSTED',
      outcome: step.kind === 'final' ? step.outcome : step.lastOutcome,
      attemptCount: target.attempts.length,
      nextAttemptAt: null,
    },
  });
  await completeIfDone(deps.db, campaign.id, now);
  return step;
}
