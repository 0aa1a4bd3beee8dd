import type { Db } from '../../db/client';

/** Delivery states that may still play. */
export const OPEN_DELIVERY_STATES = ['pending', 'sent', 'playing'];

/**
 * A one-off broadcast none of whose deliveries may still play is done. Checked after every pass of its
 * delivery and after every speaker's final word, since the last speaker to finish ends it.
 */
export async function settleBroadcast(db: Db, broadcastId: string): Promise<void> {
  const open = await db.broadcastDelivery.count({
    where: { broadcastId, state: { in: OPEN_DELIVERY_STATES } },
  });
  if (open > 0) return;
  await db.broadcast.updateMany({
    where: { id: broadcastId, status: 'playing', cron: null },
    data: { status: 'done' },
  });
}
