import { useState } from 'react';
import type { Area, BroadcastBoard } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useHouseholds } from '../../map/households';
import { TownMap } from '../../map/town-map';
import { may } from '../../session/permissions';
import { useSession } from '../../session/session';
import { useApiGet, useEventStream } from '../../ui/hooks';
import { LiveStatus } from '../../ui/live-status';
import { Link } from '../../ui/router';
import { PriorityTag, startedOf, useScheduleWords } from './broadcast-words';
import { EmergencyBroadcast } from './emergency-broadcast';
import { shanghaiDay, WEEK_MS, weekStart } from './shanghai-week';
import { SpeakerList } from './speaker-list';
import { WeekCalendar } from './week-calendar';

/**
 * The broadcast board: the speakers on the map (online or not, SIP or 4G), the week's calendar of
 * broadcasts, the recent ones with how many speakers played them, and the emergency button; live.
 */
export function BroadcastsPage() {
  const { t, tKey } = useI18n();
  const { me } = useSession();
  const schedule = useScheduleWords();
  const [startMs, setStartMs] = useState(() => weekStart(Date.now()));
  const range = new URLSearchParams({
    from: new Date(startMs).toISOString(),
    to: new Date(startMs + WEEK_MS).toISOString(),
  });
  const board = useEventStream<BroadcastBoard>(`/api/v1/broadcasts/stream?${range.toString()}`, 'board');
  const households = useHouseholds();
  const areas = useApiGet<Area[]>('/api/v1/areas');
  const speakers = board.data?.speakers ?? [];
  const items = board.data?.items ?? [];
  const organiser = may(me.role, 'manageBroadcasts');
  return (
    <div>
      <div className="heading-row">
        <h1>{t('broadcasts')}</h1>
        <LiveStatus status={board.status} />
        {organiser && (
          <>
            <EmergencyBroadcast areas={areas.kind === 'ready' ? areas.data : []} speakers={speakers} />
            <Link to="/broadcasts/new" className="button primary">
              {t('newBroadcast')}
            </Link>
          </>
        )}
      </div>
      <div className="overview">
        <section aria-labelledby="speaker-map-heading" className="overview-map">
          <h2 id="speaker-map-heading">
            {t('speakers')}{' '}
            {board.data && (
              <span className="muted" data-testid="speakers-online">
                {t('speakersOnline', {
                  online: speakers.filter((s) => s.online).length,
                  total: speakers.length,
                })}
              </span>
            )}
          </h2>
          {households === null || board.data === null ? (
            <p className="muted">{t('loading')}</p>
          ) : (
            <TownMap households={households} speakers={speakers} />
          )}
        </section>
        <section aria-labelledby="speaker-list-heading" className="overview-side">
          <h2 id="speaker-list-heading">{t('speakers')}</h2>
          {board.data ? <SpeakerList speakers={speakers} /> : <p className="muted">{t('loading')}</p>}
        </section>
      </div>
      <section aria-labelledby="calendar-heading">
        <div className="heading-row">
          <h2 id="calendar-heading">
            {t('calendar')} ·{' '}
            {t('calendarWeek', { from: shanghaiDay(startMs), to: shanghaiDay(startMs + WEEK_MS - 1) })}
          </h2>
          <div className="actions">
            <button type="button" onClick={() => setStartMs(startMs - WEEK_MS)}>
              {t('previousWeek')}
            </button>
            <button type="button" onClick={() => setStartMs(weekStart(Date.now()))}>
              {t('thisWeek')}
            </button>
            <button type="button" onClick={() => setStartMs(startMs + WEEK_MS)}>
              {t('nextWeek')}
            </button>
          </div>
        </div>
        <WeekCalendar startMs={startMs} items={items} />
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t('recentBroadcasts')}</h2>
        {board.data && items.length === 0 && <p className="muted">{t('noBroadcasts')}</p>}
        {items.length > 0 && (
          <div className="table-wrap">
            <table className="stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colPriority')}</th>
                  <th scope="col">{t('colStatus')}</th>
                  <th scope="col">{t('colSchedule')}</th>
                  <th scope="col">{t('colReport')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => (
                  <tr key={b.id} data-testid="broadcast-row">
                    <th scope="row">
                      <Link to={`/broadcasts/${b.id}`}>{b.title}</Link>
                    </th>
                    <td data-label={t('colPriority')}>
                      <PriorityTag priority={b.priority} drill={b.drill} />
                    </td>
                    <td data-label={t('colStatus')}>{tKey('bstatus_', b.status)}</td>
                    <td data-label={t('colSchedule')}>{schedule(b)}</td>
                    <td data-label={t('colReport')}>{t('summaryStarted', startedOf(b.summary))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
