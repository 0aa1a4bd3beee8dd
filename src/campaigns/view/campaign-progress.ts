import type { Db } from '../../db/client';
import type { CallControl } from '../../telephony/call-control';
import type { CampaignRecord } from '../campaign-record';
import { attemptTotals } from '../dialer/campaign-completion';
import type { TrunkBackoffState } from '../dialer/trunk-backoff';
import { estimateEta, isWithinWindow, nextWindowOpening } from '../domain';

export interface CampaignProgress {
  campaignId: string;
  status: string;
  drill: boolean;
  households: number;
  /** Households by where calling stands: pending, dialing, final, exhausted, cancelled. */
  byState: Record<string, number>;
  /** Households by their latest outcome (pending ones by the outcome that is being retried). */
  byOutcome: Record<string, number>;
  /** Households that confirmed or declined. */
  reached: number;
  attempts: number;
  /** Calls of this campaign up now. */
  callsInFlight: number;
  /** The trunk its calls go out on now: its own, or another of its group while its own server is down. */
  callingTrunk: string;
  /** Calls on that trunk now, all campaigns and other calls included (as the engine reports them). */
  trunkChannelsInUse: number;
  /** Set while the trunk is held back after infrastructure failures ("trunk congested, retrying in 8 s"). */
  trunkBackoff: {
    reason: TrunkBackoffState['reason'];
    retryAt: Date;
    failures: number;
    failingSince: Date;
  } | null;
  pausedReason: string | null;
  channelCap: number;
  /** False outside the calling window: the campaign waits and resumes by itself. */
  withinWindow: boolean;
  nextWindowOpening: Date | null;
  eta: Date | null;
  etaBasis: 'observed' | 'planned' | null;
  predictedEnd: Date | null;
  completedAt: Date | null;
  at: Date;
}

const STATES = ['PENDING', 'DIALING', 'FINAL', 'EXHAUSTED', 'CANCELLED'] as const;

/**
 * The live picture of a campaign, from the database (all workers' calls) and the telephony engine. With
 * `gridIds` (a grid worker's view of a larger campaign) the households, outcomes and calls are those of
 * these grids only; the campaign's pace and ETA stay the campaign's.
 */
export async function campaignProgress(
  db: Db,
  calls: CallControl,
  campaign: CampaignRecord,
  trunk: { name: string; backoff: TrunkBackoffState | null },
  gridIds: string[] | null = null,
  now = new Date(),
): Promise<CampaignProgress> {
  const targets = { campaignId: campaign.id, ...(gridIds ? { gridId: { in: gridIds } } : {}) };
  const [byStateRows, byOutcomeRows, totals, ownAttempts, latestRetry] = await Promise.all([
    db.campaignTarget.groupBy({ by: ['state'], where: targets, _count: { _all: true } }),
    db.campaignTarget.groupBy({
      by: ['outcome'],
      where: { ...targets, outcome: { not: null } },
      _count: { _all: true },
    }),
    attemptTotals(db, campaign.id),
    gridIds
      ? db.campaignAttempt.count({
          where: { campaignId: campaign.id, endedAt: { not: null }, target: { gridId: { in: gridIds } } },
        })
      : null,
    db.campaignTarget.aggregate({
      where: { campaignId: campaign.id, state: 'PENDING' },
      _max: { nextAttemptAt: true },
    }),
  ]);
  const byState = Object.fromEntries(STATES.map((s) => [s.toLowerCase(), 0]));
  for (const row of byStateRows) byState[row.state.toLowerCase()] = row._count._all;
  const byOutcome: Record<string, number> = {};
  for (const row of byOutcomeRows) if (row.outcome) byOutcome[row.outcome] = row._count._all;
  const households = Object.values(byState).reduce((s, n) => s + n, 0);
  const settled = (byState.final ?? 0) + (byState.exhausted ?? 0) + (byState.cancelled ?? 0);
  const window = campaign.definition.window;
  const withinWindow = isWithinWindow(now, window);
  const plan = campaign.prediction;
  const open = campaign.status === 'RUNNING' || campaign.status === 'SCHEDULED';

  const eta =
    open && plan && plan.predictedAttempts > 0
      ? estimateEta(
          {
            progress: {
              households,
              settledHouseholds: settled,
              attemptsMade: totals.attempts,
              channelSecondsUsed: totals.channelSeconds,
              latestScheduledRetry: latestRetry._max.nextAttemptAt,
            },
            plannedAttemptsPerHousehold: plan.predictedAttempts / Math.max(1, households),
            plannedAttemptSeconds: plan.channelSeconds / plan.predictedAttempts,
            channels: campaign.channelCap,
            callsPerSecond: campaign.cpsCap,
            window,
          },
          now,
        )
      : null;
  return {
    campaignId: campaign.id,
    status: campaign.status,
    drill: campaign.drill,
    households,
    byState,
    byOutcome,
    reached: (byOutcome.confirmed ?? 0) + (byOutcome.declined ?? 0),
    attempts: ownAttempts ?? totals.attempts,
    callsInFlight: byState.dialing ?? 0,
    callingTrunk: trunk.name,
    trunkChannelsInUse: safeChannelsInUse(calls, trunk.name),
    trunkBackoff:
      trunk.backoff && trunk.backoff.until > now.getTime()
        ? {
            reason: trunk.backoff.reason,
            retryAt: new Date(trunk.backoff.until),
            failures: trunk.backoff.failures,
            failingSince: new Date(trunk.backoff.since),
          }
        : null,
    pausedReason: campaign.pausedReason,
    channelCap: campaign.channelCap,
    withinWindow,
    nextWindowOpening: withinWindow ? null : nextWindowOpening(now, window),
    eta: eta?.eta ?? null,
    etaBasis: eta?.basis ?? null,
    predictedEnd: plan?.predictedEnd ?? null,
    completedAt: campaign.completedAt,
    at: now,
  };
}

function safeChannelsInUse(calls: CallControl, trunk: string): number {
  try {
    return calls.channelsInUse(trunk);
  } catch {
    return 0;
  }
}
