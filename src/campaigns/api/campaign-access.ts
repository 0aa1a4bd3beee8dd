import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../api/auth/principal';
import { notFound } from '../../api/errors';
import type { Db } from '../../db/client';
import { loadCampaign, type CampaignRecord } from '../campaign-record';

export interface VisibleCampaign {
  campaign: CampaignRecord;
  /** Grids whose households the caller may see; null: the whole campaign. */
  gridIds: string[] | null;
}

/**
 * A campaign the caller may see: one within the caller's area in full, or, for a caller inside the
 * campaign's area (a grid worker in a village campaign), the households of the caller's grids. Anything
 * else is a 404, as for campaigns that do not exist.
 */
export async function visibleCampaign(request: FastifyRequest, db: Db, id: string): Promise<VisibleCampaign> {
  const campaign = await loadCampaign(db, id);
  const missing = notFound(`no campaign with id ${id}`);
  if (!campaign) throw missing;
  const scope = principalOf(request).areaId;
  if (scope === null) return { campaign, gridIds: null };
  if (campaign.areaId === null) throw missing;
  const tree = await request.server.areaTree.get();
  if (tree.isWithin(campaign.areaId, scope)) return { campaign, gridIds: null };
  if (tree.isWithin(scope, campaign.areaId)) {
    return {
      campaign,
      gridIds: tree
        .subtree(scope)
        .filter((a) => a.level === 'GRID')
        .map((a) => a.id),
    };
  }
  throw missing;
}

/** For changes (pause, resume, cancel, notify): only callers who see the whole campaign. */
export async function wholeCampaign(request: FastifyRequest, db: Db, id: string): Promise<CampaignRecord> {
  const visible = await visibleCampaign(request, db, id);
  if (visible.gridIds !== null) throw notFound(`no campaign with id ${id}`);
  return visible.campaign;
}
