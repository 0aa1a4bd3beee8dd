import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import { bestLocation, type PositionSample, type RadioTables } from '../domain';
import { fixToTrackReport, STORED_FIX_SELECT, type StoredFix } from '../location/fix-to-track';

/** What the inactivity rule needs to know about an elder's card(s). */
export interface ElderActivity {
  /** The last position at or before the period's start, then every one within it. */
  positions: PositionSample[];
  lastHeartbeatAt: number | null;
}

export async function loadElderActivity(
  deps: { db: Db; tables: RadioTables; logger: Logger },
  elderId: string,
  periodStart: number,
  now: number,
): Promise<ElderActivity> {
  const { db, tables, logger } = deps;
  const cardOf = { card: { elderId } };
  const [anchor, within, cards] = await Promise.all([
    db.locationFix.findFirst({
      where: { ...cardOf, at: { lte: new Date(periodStart) } },
      orderBy: { at: 'desc' },
      select: STORED_FIX_SELECT,
    }),
    db.locationFix.findMany({
      where: { ...cardOf, at: { gt: new Date(periodStart), lte: new Date(now) } },
      orderBy: { at: 'asc' },
      select: STORED_FIX_SELECT,
    }),
    db.card.findMany({ where: { elderId }, select: { lastSeenAt: true } }),
  ]);
  const seen = cards.flatMap((c) => (c.lastSeenAt ? [Math.min(c.lastSeenAt.getTime(), now)] : []));
  return {
    positions: [...(anchor ? [anchor] : []), ...within].flatMap((fix) => position(fix, tables, logger, now)),
    lastHeartbeatAt: seen.length > 0 ? Math.max(...seen) : null,
  };
}

/** Each fix placed on its own (GPS, else its Wi-Fi or cells); a fix nothing can place is left out. */
function position(fix: StoredFix, tables: RadioTables, logger: Logger, now: number): PositionSample[] {
  const placed = bestLocation([fixToTrackReport(fix, logger)], tables, now);
  return placed ? [{ lat: placed.lat, lon: placed.lon, at: fix.at.getTime() }] : [];
}
