import type { Db } from '../../db/client';

export interface KnownCard {
  id: string;
  elderId: string;
  /** The elder's village, whose households name the places an SOS message describes. */
  villageId: string;
}

const knownCardSelect = { id: true, elderId: true, elder: { select: { villageId: true } } } as const;

function known(row: { id: string; elderId: string; elder: { villageId: string } }): KnownCard {
  return { id: row.id, elderId: row.elderId, villageId: row.elder.villageId };
}

/** A card stays known this long in a process; a deleted card is refused again within a minute. */
const CACHE_TTL_MS = 60_000;

/** Finds cards by IMEI (gateway frames) and by SIM number (SOS calls), with a short cache for the frame path. */
export class CardDirectory {
  private readonly byImei = new Map<string, { at: number; card: KnownCard }>();

  constructor(private readonly db: Db) {}

  async byImeiNumber(imei: string): Promise<KnownCard | null> {
    const cached = this.byImei.get(imei);
    if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.card;
    const row = await this.db.card.findUnique({ where: { imei }, select: knownCardSelect });
    if (!row) {
      this.byImei.delete(imei);
      return null;
    }
    const card = known(row);
    this.byImei.set(imei, { at: Date.now(), card });
    return card;
  }

  async bySimNumber(e164: string): Promise<KnownCard | null> {
    const row = await this.db.card.findUnique({ where: { simNumber: e164 }, select: knownCardSelect });
    return row ? known(row) : null;
  }
}
