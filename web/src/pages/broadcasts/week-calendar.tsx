import type { BroadcastItem } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../ui/router';
import { shanghaiDay, weekDays } from './shanghai-week';

/**
 * A week of broadcasts, day by day (a column each on a screen, one under another on a phone): every
 * play the API expanded from one-off times and recurring patterns, at its Shanghai time.
 */
export function WeekCalendar({ startMs, items }: { startMs: number; items: BroadcastItem[] }) {
  const { t, tKey, lang } = useI18n();
  const plays = items
    .flatMap((b) => b.occurrences.map((at) => ({ at: new Date(at).getTime(), broadcast: b })))
    .sort((a, b) => a.at - b.at);
  const dayName = new Intl.DateTimeFormat(lang, {
    weekday: 'short',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'Asia/Shanghai',
  });
  const hhmm = new Intl.DateTimeFormat(lang, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Shanghai',
  });
  const today = shanghaiDay(Date.now());
  return (
    <ol className="week" aria-label={t('calendar')}>
      {weekDays(startMs).map(({ day, fromMs }) => {
        const those = plays.filter((p) => shanghaiDay(p.at) === day);
        return (
          <li key={day} className={day === today ? 'week-day week-today' : 'week-day'}>
            <h3>{dayName.format(new Date(fromMs + 12 * 3600_000))}</h3>
            {those.length === 0 ? (
              <p className="muted">{t('noBroadcastsThisDay')}</p>
            ) : (
              <ul>
                {those.map(({ at, broadcast: b }) => (
                  <li
                    key={`${b.id}-${at}`}
                    className={`week-play priority-${b.priority}`}
                    data-testid="calendar-play"
                  >
                    <Link to={`/broadcasts/${b.id}`}>
                      <time dateTime={new Date(at).toISOString()}>{hhmm.format(new Date(at))}</time> {b.title}
                    </Link>
                    <span className="muted">
                      {' '}
                      · {tKey('priority_', b.priority)}
                      {b.cron && <> · {t('recurring')}</>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
