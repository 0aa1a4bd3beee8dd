import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../api/auth/principal';
import { notFound } from '../../api/errors';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma/client';
import { loadCampaign, type CampaignRecord } from '../campaign-record';

export interface VisibleCampaign {
  campaign: CampaignRecord;
  /** Grids whose households the caller may see; null: the whole campaign. */
  gridIds: string[] | null;
}

interface CampaignScope {
  /** The campaigns the caller may see, as a filter on Campaign. */
  where: Prisma.CampaignWhereInput;
  /** Areas whose campaigns the caller sees in full: the caller's area and everything below it; null: all. */
  whole: ReadonlySet<string> | null;
  /** The grids of the caller's area, the part a caller sees of a campaign over a larger area. */
  grids: string[];
}

/**
 * Which campaigns a caller sees, one rule for listing and for reading by id: every campaign within the
 * caller's area, and a campaign over a larger area (a grid worker's village) when it calls households
 * of the caller's grids, of which the caller then sees those households only.
 */
async function campaignScope(request: FastifyRequest): Promise<CampaignScope> {
  const scope = principalOf(request).areaId;
  if (scope === null) return { where: {}, whole: null, grids: [] };
  const tree = await request.server.areaTree.get();
  const below = tree.subtree(scope);
  const above: string[] = [];
  for (let id = tree.get(scope)?.parentId ?? null; id !== null; id = tree.get(id)?.parentId ?? null) {
    above.push(id);
  }
  const grids = below.filter((a) => a.level === 'GRID').map((a) => a.id);
  return {
    where: {
      OR: [
        { villageId: { in: below.map((a) => a.id) } },
        { villageId: { in: above }, targets: { some: { gridId: { in: grids } } } },
      ],
    },
    whole: new Set(below.map((a) => a.id)),
    grids,
  };
}

/** The filter for listing campaigns: exactly those visibleCampaign lets the caller open. */
export async function visibleCampaignsWhere(request: FastifyRequest): Promise<Prisma.CampaignWhereInput> {
  return (await campaignScope(request)).where;
}

/** A campaign the caller may see (see campaignScope). Anything else is a 404, as for campaigns that do not exist. */
export async function visibleCampaign(request: FastifyRequest, db: Db, id: string): Promise<VisibleCampaign> {
  const scope = await campaignScope(request);
  const visible = await db.campaign.findFirst({
    where: { AND: [{ id }, scope.where] },
    select: { id: true },
  });
  const campaign = visible ? await loadCampaign(db, id) : null;
  if (!campaign) throw notFound(`no campaign with id ${id}`);
  const whole = scope.whole === null || (campaign.areaId !== null && scope.whole.has(campaign.areaId));
  return { campaign, gridIds: whole ? null : scope.grids };
}

/** For changes (pause, resume, cancel, notify): only callers who see the whole campaign. */
export async function wholeCampaign(request: FastifyRequest, db: Db, id: string): Promise<CampaignRecord> {
  const visible = await visibleCampaign(request, db, id);
  if (visible.gridIds !== null) throw notFound(`no campaign with id ${id}`);
  return visible.campaign;
}
