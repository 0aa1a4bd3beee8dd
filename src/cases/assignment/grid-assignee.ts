import type { DbClient } from '../../directory/db-client';

/**
 * Who a grid's case goes to: the person on the duty roster now, else the grid's first grid worker.
 * Null when the grid has nobody: the case stays with the dispatcher.
 */
export async function gridAssignee(db: DbClient, gridId: string, now: Date): Promise<string | null> {
  const duty = await db.caseDuty.findFirst({
    where: { gridId, startsAt: { lte: now }, endsAt: { gt: now } },
    orderBy: { startsAt: 'desc' },
    select: { personId: true },
  });
  if (duty) return duty.personId;
  const worker = await db.person.findFirst({
    where: { areaId: gridId, roles: { has: 'GRID_WORKER' } },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  return worker?.id ?? null;
}
