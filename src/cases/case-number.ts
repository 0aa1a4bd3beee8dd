import type { DbClient } from '../directory/db-client';
import { shanghaiDateKey } from '../time/shanghai-clock';

/**
 * The next case number: the Shanghai date and the day's sequence, 202612030001. Digits only, so the
 * phone reads it back digit by digit and a resident can key it in; the counter row is locked by the
 * update, so two openings never share a number.
 */
export async function nextCaseNumber(db: DbClient, atMs: number): Promise<string> {
  const day = shanghaiDateKey(atMs).replaceAll('-', '');
  const rows = await db.$queryRaw<{ last: number }[]>`
    INSERT INTO "CaseNumberDay" ("day", "last") VALUES (${day}, 1)
    ON CONFLICT ("day") DO UPDATE SET "last" = "CaseNumberDay"."last" + 1
    RETURNING "last"`;
  const last = Number(rows[0]?.last);
  return `${day}${String(last).padStart(4, '0')}`;
}
