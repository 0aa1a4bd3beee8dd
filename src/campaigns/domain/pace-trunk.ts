import { allocateChannels } from './allocate-channels';
import type { CampaignPriority } from './campaign-definition';
import { decideCallStarts } from './channel-pacing';
import { availableCalls, type CpsBucket, nextCallAllowedAt, takeCalls } from './cps-bucket';

export interface TrunkPacingState {
  channels: number;
  /** Calls up on the trunk, across all campaigns and anything else using it. */
  channelsInUse: number;
  bucket: CpsBucket;
}

export interface CampaignPacingState {
  campaignId: string;
  priority: CampaignPriority;
  /** Households due to be dialled now. */
  readyCalls: number;
  channelsInUse: number;
  /** The campaign's own channel cap; null: the trunk's only. */
  maxChannels: number | null;
  /** The campaign's own calls-per-second cap; null: the trunk's only. */
  bucket: CpsBucket | null;
  lastStartedAt: Date | null;
}

export interface TrunkPacingDecision {
  /** Calls each campaign may start now (every campaign has an entry). */
  starts: Map<string, number>;
  trunkBucket: CpsBucket;
  campaignBuckets: Map<string, CpsBucket | null>;
  /** The next time a calls-per-second limit lets held-back calls start; null: wait for a channel or work. */
  checkAgainAt: Date | null;
}

/**
 * One pacing step for a trunk: each campaign asks for what its own caps allow, the trunk's channel and
 * calls-per-second caps bound the total, and priorities share that total out.
 */
export function paceTrunk(
  trunk: TrunkPacingState,
  campaigns: readonly CampaignPacingState[],
  now: Date,
): TrunkPacingDecision {
  const wanted = campaigns.map((campaign) => {
    const channelRoom =
      campaign.maxChannels === null ? Infinity : Math.max(0, campaign.maxChannels - campaign.channelsInUse);
    const cpsRoom = campaign.bucket === null ? Infinity : availableCalls(campaign.bucket, now);
    return {
      campaign,
      due: Math.min(campaign.readyCalls, channelRoom),
      wanted: Math.min(campaign.readyCalls, channelRoom, cpsRoom),
    };
  });
  const trunkDecision = decideCallStarts({
    now,
    channels: trunk.channels,
    channelsInUse: trunk.channelsInUse,
    bucket: trunk.bucket,
    wanted: wanted.reduce((sum, w) => sum + w.wanted, 0),
  });
  const starts = allocateChannels(
    trunkDecision.mayStart,
    wanted.map(({ campaign, wanted: n }) => ({
      campaignId: campaign.campaignId,
      priority: campaign.priority,
      wanted: n,
      channelsInUse: campaign.channelsInUse,
      lastStartedAt: campaign.lastStartedAt,
    })),
  );

  const campaignBuckets = new Map<string, CpsBucket | null>();
  let checkAgainAt = trunkDecision.checkAgainAt;
  for (const { campaign, due } of wanted) {
    const started = starts.get(campaign.campaignId) ?? 0;
    const bucket = campaign.bucket === null ? null : takeCalls(campaign.bucket, now, started);
    campaignBuckets.set(campaign.campaignId, bucket);
    const heldByOwnCps = bucket !== null && started < due && availableCalls(bucket, now) === 0;
    if (heldByOwnCps) checkAgainAt = earliest(checkAgainAt, nextCallAllowedAt(bucket, now));
  }
  return { starts, trunkBucket: trunkDecision.bucket, campaignBuckets, checkAgainAt };
}

function earliest(a: Date | null, b: Date): Date {
  return a === null || b < a ? b : a;
}
