import type { BroadcastItem, BroadcastPriority } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** A priority as a tag: emergency in the danger colour, the others quiet. */
export function PriorityTag({ priority, drill }: { priority: BroadcastPriority; drill: boolean }) {
  const { t, tKey } = useI18n();
  return (
    <>
      <span className={`tag priority-${priority}`}>{tKey('priority_', priority)}</span>
      {drill && <span className="tag">{t('drillTag')}</span>}
    </>
  );
}

/** When a broadcast plays, in words: at once, at a time, or its cron pattern and end. */
export function useScheduleWords(): (
  b: Pick<BroadcastItem, 'startAt' | 'cron' | 'endAt' | 'createdAt'>,
) => string {
  const { t, time } = useI18n();
  return (b) => {
    if (b.cron) return t('scheduleCron', { cron: b.cron, end: time(b.endAt) });
    if (b.startAt) return t('scheduleAt', { time: time(b.startAt) });
    return t('scheduleNow', { time: time(b.createdAt) });
  };
}

/** Speakers that started (playing, finished or preempted after starting) of all reported. */
export function startedOf(summary: Record<string, number>): { started: number; total: number } {
  const total = Object.values(summary).reduce((a, b) => a + b, 0);
  const started = (summary.playing ?? 0) + (summary.finished ?? 0) + (summary.preempted ?? 0);
  return { started, total };
}
