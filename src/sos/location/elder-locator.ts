import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import { bestLocation, describeLocation, type BestLocation, type Place, type RadioTables } from '../domain';
import { fixToTrackReport, STORED_FIX_SELECT } from './fix-to-track';

export interface ElderWhereabouts {
  location: BestLocation | null;
  /** describeLocation's words, null when nothing could be placed. */
  words: string | null;
}

/** Enough of the newest fixes to find a GPS fix behind a run of indoor, cell-only reports. */
const RECENT_FIXES = 50;
/** Household coordinates change rarely; an SOS should not wait for them to be read again. */
const PLACES_TTL_MS = 60_000;

/** Where an elder is, in coordinates and in the words of the village's own addresses. */
export class ElderLocator {
  private readonly places = new Map<string, { at: number; places: Promise<Place[]> }>();

  constructor(
    private readonly db: Db,
    private readonly tables: RadioTables,
    private readonly logger: Logger,
  ) {}

  async locate(elder: { id: string; villageId: string }, now: number): Promise<ElderWhereabouts> {
    const [fixes, places] = await Promise.all([
      this.db.locationFix.findMany({
        where: { card: { elderId: elder.id }, at: { lte: new Date(now + 60_000) } },
        orderBy: { at: 'desc' },
        take: RECENT_FIXES,
        select: STORED_FIX_SELECT,
      }),
      this.villagePlaces(elder.villageId, now),
    ]);
    const location = bestLocation(
      fixes.map((fix) => fixToTrackReport(fix, this.logger)),
      this.tables,
      now,
    );
    return { location, words: location ? describeLocation(location, places) : null };
  }

  private villagePlaces(villageId: string, now: number): Promise<Place[]> {
    const cached = this.places.get(villageId);
    if (cached && now - cached.at < PLACES_TTL_MS) return cached.places;
    const places = this.db.household
      .findMany({
        where: { grid: { parentId: villageId }, latitude: { not: null }, longitude: { not: null } },
        select: { address: true, latitude: true, longitude: true },
      })
      .then((rows) => rows.map((r) => ({ label: r.address, lat: r.latitude ?? 0, lon: r.longitude ?? 0 })));
    places.catch(() => this.places.delete(villageId));
    this.places.set(villageId, { at: now, places });
    return places;
  }
}
