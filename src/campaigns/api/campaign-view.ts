import type { CampaignRecord } from '../campaign-record';

/** A campaign as the API shows it. */
export function campaignView(campaign: CampaignRecord) {
  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    priority: campaign.priority,
    drill: campaign.drill,
    trunk: campaign.trunk,
    callerId: campaign.callerId,
    channelCap: campaign.channelCap,
    cpsCap: campaign.cpsCap,
    areaId: campaign.areaId,
    pausedReason: campaign.pausedReason,
    messageDurationMs: campaign.messageDurationMs,
    startAt: campaign.startAt,
    startedAt: campaign.startedAt,
    completedAt: campaign.completedAt,
    createdAt: campaign.createdAt,
    definition: campaign.definition,
    prediction: campaign.prediction ?? null,
    actual: campaign.actual ?? null,
  };
}
