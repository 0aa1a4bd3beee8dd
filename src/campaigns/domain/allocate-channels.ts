import { CAMPAIGN_PRIORITIES, type CampaignPriority } from './campaign-definition';

export interface WaitingCampaign {
  campaignId: string;
  priority: CampaignPriority;
  /** Calls this campaign could start now. */
  wanted: number;
  channelsInUse: number;
  /** When this campaign last started a call; null if never. */
  lastStartedAt: Date | null;
}

/**
 * Shares `free` channels among campaigns waiting on one trunk. Higher priorities are served in full
 * first (emergency before high before normal before low). Within one priority, channels go one at a
 * time to the campaign with the fewest calls up, and on a tie to the one that has waited longest since
 * its last start, so equal campaigns take turns even when one channel frees at a time.
 * Every waiting campaign has an entry, 0 when it gets nothing.
 */
export function allocateChannels(free: number, waiting: readonly WaitingCampaign[]): Map<string, number> {
  const granted = new Map<string, number>(waiting.map((campaign) => [campaign.campaignId, 0]));
  let left = Math.max(0, Math.floor(free));
  for (const priority of CAMPAIGN_PRIORITIES) {
    const peers = waiting.filter((campaign) => campaign.priority === priority);
    while (left > 0) {
      const next = pickNeediest(peers, granted);
      if (next === undefined) break;
      granted.set(next.campaignId, (granted.get(next.campaignId) ?? 0) + 1);
      left -= 1;
    }
  }
  return granted;
}

function pickNeediest(
  peers: readonly WaitingCampaign[],
  granted: ReadonlyMap<string, number>,
): WaitingCampaign | undefined {
  const given = (campaign: WaitingCampaign): number => granted.get(campaign.campaignId) ?? 0;
  const lastStart = (campaign: WaitingCampaign): number =>
    given(campaign) > 0 ? Infinity : (campaign.lastStartedAt?.getTime() ?? -Infinity);
  let best: WaitingCampaign | undefined;
  for (const campaign of peers) {
    if (given(campaign) >= campaign.wanted) continue;
    if (best === undefined) {
      best = campaign;
      continue;
    }
    const load = campaign.channelsInUse + given(campaign) - (best.channelsInUse + given(best));
    if (load < 0 || (load === 0 && lastStart(campaign) < lastStart(best))) best = campaign;
  }
  return best;
}
