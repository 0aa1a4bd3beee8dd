import type { Db } from '../../db/client';
import type { Prisma, TargetState } from '../../generated/prisma/client';
import type { CampaignRecord } from '../campaign-record';
import { outcomeLabel } from './outcome-labels';

interface AttemptView {
  attemptNo: number;
  number: string;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  outcome: string | null;
  digit: string | null;
  hangupCause: number | null;
  /** The trunk the call went out on: another of its group's while the campaign's server was down. */
  trunk: string;
}

export interface HouseholdResult {
  targetId: string;
  householdId: string | null;
  gridId: string | null;
  gridName: string | null;
  label: string;
  numbers: string[];
  state: TargetState;
  outcome: string | null;
  outcomeLabel: string;
  attempts: AttemptView[];
}

export interface ResultsQuery {
  limit: number;
  offset: number;
  state?: TargetState;
  outcome?: string;
  /** Grids the caller may see; null: all of the campaign. */
  gridIds: readonly string[] | null;
}

/** Each household's outcome with the timeline of its attempts, in a stable order (grid, then label). */
export async function campaignResults(
  db: Db,
  campaign: CampaignRecord,
  query: ResultsQuery,
): Promise<{ items: HouseholdResult[]; total: number }> {
  const where: Prisma.CampaignTargetWhereInput = {
    campaignId: campaign.id,
    ...(query.state && { state: query.state }),
    ...(query.outcome && { outcome: query.outcome }),
    ...(query.gridIds !== null && { gridId: { in: [...query.gridIds] } }),
  };
  const [rows, total] = await Promise.all([
    db.campaignTarget.findMany({
      where,
      include: { attempts: { orderBy: { attemptNo: 'asc' } } },
      orderBy: [{ gridId: 'asc' }, { label: 'asc' }, { id: 'asc' }],
      take: query.limit,
      skip: query.offset,
    }),
    db.campaignTarget.count({ where }),
  ]);
  const gridIds = [...new Set(rows.flatMap((r) => (r.gridId ? [r.gridId] : [])))];
  const grids = await db.area.findMany({ where: { id: { in: gridIds } }, select: { id: true, name: true } });
  const gridName = new Map(grids.map((g) => [g.id, g.name]));
  return {
    total,
    items: rows.map((r) => ({
      targetId: r.id,
      householdId: r.householdId,
      gridId: r.gridId,
      gridName: r.gridId ? (gridName.get(r.gridId) ?? null) : null,
      label: r.label,
      numbers: r.numbers,
      state: r.state,
      outcome: r.outcome,
      outcomeLabel: outcomeLabel(r.outcome, campaign.definition.menu),
      attempts: r.attempts.map((a) => ({
        attemptNo: a.attemptNo,
        number: a.number,
        startedAt: a.startedAt,
        answeredAt: a.answeredAt,
        endedAt: a.endedAt,
        outcome: a.outcome,
        digit: a.digit,
        hangupCause: a.hangupCause,
        trunk: a.trunk ?? campaign.trunk,
      })),
    })),
  };
}
