import { CronExpressionParser } from 'cron-parser';
import type { FieldProblem } from '../../validation/field-problem';
import { isPublicHoliday } from './holidays';
import type { Priority } from './priority';
import { inQuietHours, type QuietHours } from './quiet-hours';

/** Villages keep Shanghai time; cron patterns are read in it whatever the server's zone. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

/** When a broadcast plays: at once, once at a time, or on a cron pattern until an end date. */
export type Schedule =
  | { kind: 'now' }
  | { kind: 'at'; at: Date }
  | { kind: 'recurring'; cron: string; startAt: Date | null; endAt: Date; skipHolidays: boolean };

export interface ScheduleInput {
  at?: string;
  cron?: string;
  startAt?: string;
  endAt?: string;
  skipHolidays?: boolean;
}

/** A recurring broadcast may run at most this long: a notice nobody ends must not play for ever. */
const LONGEST_RECURRENCE_MS = 366 * 24 * 3600_000;

/** The next time the cron pattern fires after `afterMs`, or null when it never does. */
export function nextCronFire(cron: string, afterMs: number): number | null {
  try {
    const expression = CronExpressionParser.parse(cron, {
      tz: SCHEDULE_TIME_ZONE,
      currentDate: new Date(afterMs),
    });
    return expression.hasNext() ? expression.next().getTime() : null;
  } catch {
    return null;
  }
}

/** Why a cron pattern cannot be used, or null when it can (five fields: minute hour day month weekday). */
function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `expected 5 fields (minute hour day month weekday), got ${fields.length}`;
  try {
    CronExpressionParser.parse(cron, { tz: SCHEDULE_TIME_ZONE });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : 'not a cron pattern';
  }
}

function instant(field: string, text: string, problems: FieldProblem[]): Date | null {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    problems.push({ field, reason: 'not a date and time' });
    return null;
  }
  return date;
}

/**
 * The schedule a request asks for, or every problem with it: a time in the past, a malformed cron, a
 * recurrence without an end (or ending before it starts, or lasting over a year).
 */
export function readSchedule(
  input: ScheduleInput | undefined,
  nowMs: number,
): { schedule: Schedule | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  if (!input || (input.at === undefined && input.cron === undefined)) {
    if (input?.endAt !== undefined || input?.startAt !== undefined) {
      problems.push({ field: 'schedule.cron', reason: 'required with startAt or endAt' });
    }
    return { schedule: problems.length ? null : { kind: 'now' }, problems };
  }
  if (input.at !== undefined && input.cron !== undefined) {
    problems.push({ field: 'schedule', reason: 'give either at (once) or cron (recurring), not both' });
    return { schedule: null, problems };
  }
  if (input.at !== undefined) {
    const at = instant('schedule.at', input.at, problems);
    if (at && at.getTime() < nowMs - 60_000)
      problems.push({ field: 'schedule.at', reason: 'is in the past' });
    return { schedule: at && problems.length === 0 ? { kind: 'at', at } : null, problems };
  }
  const cron = (input.cron ?? '').trim();
  const bad = cronProblem(cron);
  if (bad) problems.push({ field: 'schedule.cron', reason: bad });
  const startAt = input.startAt === undefined ? null : instant('schedule.startAt', input.startAt, problems);
  let endAt: Date | null = null;
  if (input.endAt === undefined)
    problems.push({ field: 'schedule.endAt', reason: 'required for a recurring broadcast' });
  else endAt = instant('schedule.endAt', input.endAt, problems);
  const from = Math.max(nowMs, startAt?.getTime() ?? nowMs);
  if (endAt && endAt.getTime() <= from) {
    problems.push({ field: 'schedule.endAt', reason: 'must be after the start (and in the future)' });
  } else if (endAt && endAt.getTime() - from > LONGEST_RECURRENCE_MS) {
    problems.push({ field: 'schedule.endAt', reason: 'a recurring broadcast runs at most a year' });
  } else if (endAt && !bad && (nextCronFire(cron, from - 1) ?? Infinity) > endAt.getTime()) {
    problems.push({ field: 'schedule.cron', reason: 'never fires before endAt' });
  }
  if (problems.length > 0 || !endAt) return { schedule: null, problems };
  return {
    schedule: { kind: 'recurring', cron, startAt, endAt, skipHolidays: input.skipHolidays ?? false },
    problems,
  };
}

/** Why an occurrence does not play, when it does not. */
export type SkipReason = 'holiday' | 'quiet-hours' | 'ended' | 'not-started';

/**
 * Whether the occurrence of a broadcast due at `atMs` plays, and why not; quiet hours are those of
 * `playMs`, when it would play (later than it was due when a worker starts it late).
 */
export function occurrenceDecision(
  broadcast: { priority: Priority; schedule: Schedule },
  atMs: number,
  quiet: QuietHours,
  playMs = atMs,
): { play: true } | { play: false; reason: SkipReason } {
  const { schedule } = broadcast;
  if (schedule.kind === 'recurring') {
    if (atMs > schedule.endAt.getTime()) return { play: false, reason: 'ended' };
    if (schedule.startAt && atMs < schedule.startAt.getTime() - 60_000)
      return { play: false, reason: 'not-started' };
    if (schedule.skipHolidays && isPublicHoliday(atMs)) return { play: false, reason: 'holiday' };
  }
  if (broadcast.priority === 'normal' && inQuietHours(playMs, quiet))
    return { play: false, reason: 'quiet-hours' };
  return { play: true };
}

/** The Shanghai minute an occurrence belongs to: two workers firing it agree on its identity. */
export function occurrenceMinute(atMs: number): Date {
  return new Date(Math.floor(atMs / 60_000) * 60_000);
}
