import type { Db } from '../../db/client';
import type { CampaignRecord } from '../campaign-record';
import { asOutcome } from '../dialer/attempt-facts';
import { groupUnreachedByGridWorker, type HouseholdCallStatus } from '../domain';
import { outcomeLabel } from './outcome-labels';

interface VisitHousehold {
  targetId: string;
  householdId: string | null;
  label: string;
  numbers: string[];
  outcome: string | null;
  outcomeLabel: string;
}

interface GridWorkerNotice {
  callId: string;
  outcome: string | null;
  /** The grid worker pressed 1. */
  acknowledged: boolean;
}

interface DoorToDoorList {
  personId: string;
  name: string;
  phones: string[];
  gridIds: string[];
  households: VisitHousehold[];
  /** What the grid worker is told: 您网格内有N户未接通，名单已发送 */
  message: string;
  notice: GridWorkerNotice | null;
}

export interface DoorToDoorView {
  lists: DoorToDoorList[];
  /** Unreached households in grids without a grid worker (and uploaded numbers): the cadre follows them up. */
  withoutWorker: VisitHousehold[];
  /** Households still being called: not on any list yet. */
  stillCalling: number;
}

/** Call.purpose of the calls telling grid workers about their lists. */
export function gridWorkerCallPurpose(campaignId: string): string {
  return `campaign-door-to-door:${campaignId}`;
}

/** Households calling could not reach, grouped for the grid workers who will visit them. */
export async function doorToDoorLists(
  db: Db,
  campaign: CampaignRecord,
  gridIds: readonly string[] | null,
): Promise<DoorToDoorView> {
  const inScope = gridIds === null ? {} : { gridId: { in: [...gridIds] } };
  const [settled, stillCalling] = await Promise.all([
    db.campaignTarget.findMany({
      where: { campaignId: campaign.id, state: { in: ['FINAL', 'EXHAUSTED'] }, ...inScope },
      orderBy: [{ gridId: 'asc' }, { label: 'asc' }],
    }),
    db.campaignTarget.count({
      where: { campaignId: campaign.id, state: { in: ['PENDING', 'DIALING'] }, ...inScope },
    }),
  ]);
  const byId = new Map(settled.map((t) => [t.id, t]));
  const statuses: HouseholdCallStatus[] = settled.map((t) => ({
    householdId: t.id,
    gridId: t.gridId ?? '',
    step:
      t.state === 'FINAL'
        ? { kind: 'final', outcome: asOutcome(t.outcome) }
        : { kind: 'exhausted', lastOutcome: t.outcome === null ? null : asOutcome(t.outcome) },
  }));
  const grids = [...new Set(settled.flatMap((t) => (t.gridId ? [t.gridId] : [])))];
  const workers = await db.person.findMany({
    where: { roles: { has: 'GRID_WORKER' }, areaId: { in: grids } },
    include: { phones: { orderBy: { priority: 'asc' } } },
    orderBy: { name: 'asc' },
  });
  const plan = groupUnreachedByGridWorker(
    statuses,
    workers.flatMap((w) => (w.areaId ? [{ personId: w.id, gridId: w.areaId }] : [])),
  );
  const notices = await db.call.findMany({
    where: { purpose: gridWorkerCallPurpose(campaign.id) },
    orderBy: { createdAt: 'asc' },
  });
  const visit = (targetId: string): VisitHousehold[] => {
    const t = byId.get(targetId);
    if (!t) return [];
    return [
      {
        targetId: t.id,
        householdId: t.householdId,
        label: t.label,
        numbers: t.numbers,
        outcome: t.outcome,
        outcomeLabel: outcomeLabel(t.outcome, campaign.definition.menu),
      },
    ];
  };
  return {
    stillCalling,
    withoutWorker: plan.withoutWorker.flatMap((h) => visit(h.householdId)),
    lists: plan.lists.flatMap((list) => {
      const worker = workers.find((w) => w.id === list.personId);
      if (!worker) return [];
      const phones = worker.phones.map((p) => p.e164);
      const notice = [...notices].reverse().find((c) => phones.includes(c.destination));
      return [
        {
          personId: worker.id,
          name: worker.name,
          phones,
          gridIds: [...new Set(list.households.map((h) => h.gridId))],
          households: list.households.flatMap((h) => visit(h.householdId)),
          message: list.message,
          notice: notice
            ? { callId: notice.id, outcome: notice.outcome, acknowledged: notice.digits.includes('1') }
            : null,
        },
      ];
    }),
  };
}
