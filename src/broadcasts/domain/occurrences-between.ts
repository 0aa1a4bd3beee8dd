import { isPublicHoliday } from './holidays';
import { nextCronFire } from './schedule';

/** A broadcast's schedule as stored: startAt null with no cron means "at once" (when it was created). */
export interface StoredSchedule {
  startAt: Date | null;
  cron: string | null;
  endAt: Date | null;
  skipHolidays: boolean;
  createdAt: Date;
}

/** A calendar week holds a few hundred at most (every five minutes); beyond that the list is cut. */
const MAX_OCCURRENCES = 500;

/**
 * When a broadcast plays within [fromMs, toMs): its one time, or each fire of its cron pattern between
 * its start and end, holidays left out when it skips them. For the week calendar; quiet hours are
 * left to the delivery, which says per speaker why nothing played.
 */
export function occurrencesBetween(schedule: StoredSchedule, fromMs: number, toMs: number): number[] {
  if (schedule.cron === null) {
    const at = (schedule.startAt ?? schedule.createdAt).getTime();
    return at >= fromMs && at < toMs ? [at] : [];
  }
  const first = Math.max(fromMs, (schedule.startAt?.getTime() ?? fromMs) - 60_000);
  const last = Math.min(toMs, schedule.endAt === null ? toMs : schedule.endAt.getTime() + 1);
  const found: number[] = [];
  // nextCronFire answers strictly after its argument: start a millisecond early to include `first`.
  let at = nextCronFire(schedule.cron, first - 1);
  while (at !== null && at < last && found.length < MAX_OCCURRENCES) {
    if (!(schedule.skipHolidays && isPublicHoliday(at))) found.push(at);
    at = nextCronFire(schedule.cron, at);
  }
  return found;
}
