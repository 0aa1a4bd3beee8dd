import { useState } from 'react';
import { apiRequest } from '../../api/client';
import type { BroadcastDetail } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { may } from '../../session/permissions';
import { useSession } from '../../session/session';
import { useEventStream } from '../../ui/hooks';
import { LiveStatus } from '../../ui/live-status';
import { PriorityTag, startedOf, useScheduleWords } from './broadcast-words';
import { ActionOutcomeLine, type ActionOutcome } from '../../ui/action-outcome';

/** One broadcast and its per-speaker report, live: who started when, how long it played, or why not. */
export function BroadcastDetailPage({ id }: { id: string }) {
  const { t, tKey, time } = useI18n();
  const { me, token } = useSession();
  const schedule = useScheduleWords();
  const stream = useEventStream<BroadcastDetail>(`/api/v1/broadcasts/${id}/stream`, 'broadcast');
  const [said, setSaid] = useState<ActionOutcome | null>(null);
  const b = stream.data;
  if (!b) return <LiveStatus status={stream.status} />;
  const cancel = async () => {
    try {
      await apiRequest(token, 'POST', `/api/v1/broadcasts/${id}/cancel`);
      setSaid({ ok: true, text: t('broadcastCancelled') });
    } catch (error) {
      setSaid({ ok: false, text: (error as Error).message });
    }
  };
  const { started, total } = startedOf(b.summary);
  return (
    <article aria-labelledby="broadcast-heading">
      <div className="heading-row">
        <h1 id="broadcast-heading">{b.title}</h1>
        <PriorityTag priority={b.priority} drill={b.drill} />
        <span className="tag" data-testid="broadcast-status">
          {tKey('bstatus_', b.status)}
        </span>
        <LiveStatus status={stream.status} />
      </div>
      <p>{schedule(b)}</p>
      {b.text && <blockquote>{b.text}</blockquote>}
      {may(me.role, 'manageBroadcasts') && (b.status === 'scheduled' || b.status === 'playing') && (
        <div className="actions">
          <button type="button" className="danger" onClick={() => void cancel()}>
            {t('cancelBroadcast')}
          </button>
        </div>
      )}
      <ActionOutcomeLine outcome={said} />
      <h2>
        {t('colReport')} ·{' '}
        <span data-testid="broadcast-summary">{t('summaryStarted', { started, total })}</span>
      </h2>
      {b.deliveries.length === 0 ? (
        <p className="muted">{t('noDeliveriesYet')}</p>
      ) : (
        <div className="table-wrap">
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">{t('colSpeaker')}</th>
                <th scope="col">{t('colKind')}</th>
                <th scope="col">{t('colOccurrence')}</th>
                <th scope="col">{t('colState')}</th>
                <th scope="col">{t('colStartedAt')}</th>
                <th scope="col">{t('colSecondsPlayed')}</th>
                <th scope="col">{t('colReason')}</th>
              </tr>
            </thead>
            <tbody>
              {b.deliveries.map((d) => (
                <tr key={`${d.speakerId}-${d.occurrence}`} data-testid="delivery-row" data-state={d.state}>
                  <th scope="row">{d.speakerName}</th>
                  <td data-label={t('colKind')}>{tKey('speakerKind_', d.kind)}</td>
                  <td data-label={t('colOccurrence')}>{time(d.occurrence)}</td>
                  <td data-label={t('colState')} className={`delivery-${d.state}`}>
                    {tKey('dstate_', d.state)}
                  </td>
                  <td data-label={t('colStartedAt')}>{time(d.startedAt)}</td>
                  <td data-label={t('colSecondsPlayed')}>
                    {d.secondsPlayed === null ? '—' : d.secondsPlayed.toFixed(1)}
                  </td>
                  <td data-label={t('colReason')}>{d.reason ? tKey('reason_', d.reason) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
