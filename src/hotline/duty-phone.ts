import type { DbClient } from '../directory/db-client';

/**
 * Whose phone rings for an urgent hotline call: the grid's worker on duty now (the cases duty roster),
 * else a grid worker of the grid, else a town dispatcher. Null when nobody with a phone is found.
 */
export async function dutyPhone(db: DbClient, gridId: string | null, now: Date): Promise<string | null> {
  if (gridId !== null) {
    const duty = await db.caseDuty.findFirst({
      where: { gridId, startsAt: { lte: now }, endsAt: { gt: now } },
      orderBy: { startsAt: 'desc' },
      select: { personId: true },
    });
    const onDuty = duty && (await firstPhone(db, { id: duty.personId }));
    if (onDuty) return onDuty;
    const gridWorker = await firstPhone(db, { roles: { has: 'GRID_WORKER' }, areaId: gridId });
    if (gridWorker) return gridWorker;
  }
  return firstPhone(db, { roles: { has: 'DISPATCHER' } });
}

async function firstPhone(
  db: DbClient,
  where: { id: string } | { roles: { has: 'GRID_WORKER' | 'DISPATCHER' }; areaId?: string },
): Promise<string | null> {
  const phone = await db.phoneNumber.findFirst({
    where: { person: where },
    // The longest-registered person first, so the same grid worker is rung every time.
    orderBy: [{ person: { createdAt: 'asc' } }, { personId: 'asc' }, { priority: 'asc' }, { id: 'asc' }],
    select: { e164: true },
  });
  return phone?.e164 ?? null;
}
