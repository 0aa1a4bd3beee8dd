import { UsageError } from './command';

const DURATION = /^(\d+)([hdw])$/;
const HOURS_PER_UNIT = { h: 1, d: 24, w: 24 * 7 } as const;
/** ISO 8601 with a time and an offset (2026-12-31T18:00:00+08:00); a bare date would leave the time zone open. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `--expires`: a duration from now (`12h`, `90d`, `4w`) or an instant with its offset. */
export function parseExpiry(text: string, now = new Date()): Date {
  const duration = DURATION.exec(text.trim());
  if (duration) {
    const hours = Number(duration[1]) * HOURS_PER_UNIT[duration[2] as keyof typeof HOURS_PER_UNIT];
    if (hours === 0) throw new UsageError('--expires must lie in the future');
    return new Date(now.getTime() + hours * 3_600_000);
  }
  const at = new Date(text.trim());
  if (!INSTANT.test(text.trim()) || Number.isNaN(at.getTime())) {
    throw new UsageError(
      '--expires takes a duration (12h, 90d, 4w) or a time such as 2026-12-31T18:00+08:00',
    );
  }
  if (at.getTime() <= now.getTime()) throw new UsageError('--expires must lie in the future');
  return at;
}
