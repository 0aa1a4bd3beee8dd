import type { BulkSql } from '../../db/bulk-sql';
import { textArrayLiteral } from '../../db/text-array-literal';

/**
 * Remembers which grids held no household when an import first came to write in them. A row for such a
 * grid cannot match a stored household — the import's own rows never do, as a file naming a grid's
 * household_ref twice is refused — so it needs no look-up: a city's first import skips the look-up of
 * every slice, a tenth of PostgreSQL's work. An import writing the same grid at the same moment still
 * ends in the unique index's conflict, as before.
 */
export class GridsEmptyAtStart {
  /** Grid id → whether it was empty when first asked about, before this import wrote in it. */
  private readonly emptyAtStart = new Map<string, boolean>();

  /** Whether rows of `gridId` can skip the look-up; `note` must have been called with it first. */
  isEmpty(gridId: string): boolean {
    return this.emptyAtStart.get(gridId) === true;
  }

  /** Asks about the grids not asked about yet; call it before writing rows of these grids. */
  async note(sql: BulkSql, gridIds: Iterable<string>): Promise<void> {
    const unknown = [...new Set(gridIds)].filter((id) => !this.emptyAtStart.has(id));
    if (unknown.length === 0) return;
    const occupied = await sql.query<{ gridId: string }>(
      `SELECT g."gridId" FROM unnest($1::text[]) AS g("gridId")
        WHERE EXISTS (SELECT 1 FROM "Household" h WHERE h."gridId" = g."gridId")`,
      [textArrayLiteral(unknown)],
    );
    const taken = new Set(occupied.map((row) => row.gridId));
    for (const id of unknown) this.emptyAtStart.set(id, !taken.has(id));
  }
}
