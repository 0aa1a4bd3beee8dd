import type { Db } from '../../db/client';
import type { Logger } from '../../logging';
import {
  locationFixCellsJson,
  locationFixStatusJson,
  locationFixWifisJson,
} from '../location/location-fix-json';
import type { LocationFixData } from './position-to-fix';

interface PendingFix {
  cardId: string;
  fix: LocationFixData;
  receivedAt: Date;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface CardReportWriterOptions {
  /** Rows written in one statement at most. */
  maxBatch: number;
  /** How long a report waits for others to share its statement. */
  maxDelayMs: number;
  /** Reports buffered beyond this make the gateway wait for the database (backpressure). */
  highWater: number;
}

const DEFAULTS: CardReportWriterOptions = { maxBatch: 500, maxDelayMs: 15, highWater: 5000 };

/**
 * Writes card reports (LocationFix rows, and each card's last-seen time and battery) in batches:
 * thousands of cards report every minute, and one statement per report would make the database
 * the gateway's bottleneck. Cards never resend a position, so waiting for its row buys no
 * durability: positions and heartbeats are buffered and written behind, and only an alarm (which
 * the card resends until answered) waits until its row is stored. A slow database makes the
 * gateway wait once the buffer is full, so memory stays bounded.
 */
export class CardReportWriter {
  private fixes: PendingFix[] = [];
  private seen = new Map<string, { at: Date; battery: number | null }>();
  private waiters: Waiter[] = [];
  private buffered = 0;
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly options: CardReportWriterOptions;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    options: Partial<CardReportWriterOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** `stored` resolves once the row is in the database: an alarm's position is what its SOS message describes. */
  writeFix(cardId: string, fix: LocationFixData, receivedAt: Date, stored = false): Promise<void> {
    this.fixes.push({ cardId, fix, receivedAt });
    return this.enqueue(cardId, receivedAt, fix.battery, stored);
  }

  /** Any frame: the card is alive, with this battery when it said. */
  touch(cardId: string, receivedAt: Date, battery: number | null): Promise<void> {
    return this.enqueue(cardId, receivedAt, battery, false);
  }

  /** Writes everything buffered and waits for writes in flight. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private enqueue(cardId: string, at: Date, battery: number | null, stored: boolean): Promise<void> {
    const previous = this.seen.get(cardId);
    this.seen.set(cardId, {
      at: previous && previous.at > at ? previous.at : at,
      battery: battery ?? previous?.battery ?? null,
    });
    this.buffered++;
    const wait =
      stored || this.buffered + this.inFlight.size * this.options.maxBatch > this.options.highWater;
    const written = wait
      ? new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }))
      : Promise.resolve();
    if (stored || this.buffered >= this.options.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.maxDelayMs);
    return written;
  }

  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffered === 0) return Promise.resolve();
    const { fixes, seen, waiters } = this;
    const rows = this.buffered;
    this.fixes = [];
    this.seen = new Map();
    this.waiters = [];
    this.buffered = 0;
    const write = Promise.all([this.insertFixes(fixes), this.updateCards(seen)]).then(
      () => waiters.forEach((w) => w.resolve()),
      (error: unknown) => {
        this.logger.error(
          { reports: rows, err: (error as Error).message },
          'card reports could not be stored',
        );
        waiters.forEach((w) => w.reject(error));
      },
    );
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
    return write;
  }

  /** One INSERT … SELECT FROM unnest(arrays): an order of magnitude quicker than a multi-row createMany. */
  private async insertFixes(fixes: PendingFix[]): Promise<void> {
    if (fixes.length === 0) return;
    const column = <T>(pick: (p: PendingFix) => T): T[] => fixes.map(pick);
    await this.db.$executeRaw`
      INSERT INTO "LocationFix"
        ("id", "cardId", "at", "receivedAt", "gpsValid", "latitude", "longitude", "cells", "wifis", "battery", "steps", "status")
      SELECT gen_random_uuid()::text, v.card_id, v.at, v.received_at, v.gps_valid, v.lat, v.lon,
             v.cells::jsonb, v.wifis::jsonb, v.battery, v.steps, v.status::jsonb
      FROM unnest(
        ${column((p) => p.cardId)}::text[],
        ${column((p) => p.fix.at.toISOString())}::timestamp(3)[],
        ${column((p) => p.receivedAt.toISOString())}::timestamp(3)[],
        ${column((p) => p.fix.gpsValid)}::boolean[],
        ${column((p) => p.fix.latitude)}::float8[],
        ${column((p) => p.fix.longitude)}::float8[],
        ${column((p) => JSON.stringify(locationFixCellsJson.write(p.fix.cells)))}::text[],
        ${column((p) => JSON.stringify(locationFixWifisJson.write(p.fix.wifis)))}::text[],
        ${column((p) => p.fix.battery)}::int[],
        ${column((p) => p.fix.steps)}::int[],
        ${column((p) => JSON.stringify(locationFixStatusJson.write(p.fix.status)))}::text[]
      ) AS v(card_id, at, received_at, gps_valid, lat, lon, cells, wifis, battery, steps, status)`;
  }

  private async updateCards(seen: Map<string, { at: Date; battery: number | null }>): Promise<void> {
    if (seen.size === 0) return;
    const ids = [...seen.keys()];
    const ats = ids.map((id) => seen.get(id)?.at.toISOString() ?? null);
    const batteries = ids.map((id) => seen.get(id)?.battery ?? null);
    await this.db.$executeRaw`
      UPDATE "Card" AS c SET
        "lastSeenAt" = GREATEST(COALESCE(c."lastSeenAt", v.at), v.at),
        "battery" = COALESCE(v.battery, c."battery")
      FROM unnest(${ids}::text[], ${ats}::timestamp(3)[], ${batteries}::int[]) AS v(id, at, battery)
      WHERE c."id" = v.id`;
  }
}
