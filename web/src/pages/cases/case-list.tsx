import { useState } from 'react';
import type { CaseItem } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useNow } from '../../ui/clock';
import { useApiGet, useEventStream } from '../../ui/hooks';
import { LiveStatus } from '../../ui/live-status';
import { WhenLoaded } from '../../ui/loaded';
import { Link } from '../../ui/router';
import { Countdown } from './countdown';

const STATES = [
  'received',
  'accepted',
  'dispatched',
  'on_site',
  'waiting_resident',
  'resolved',
  'closed',
  'reopened',
];
const CATEGORIES = ['complaint', 'consultation', 'suggestion', 'business', 'urgent'];

/** The case queue of the token's area, soonest deadline first, with live countdowns and filters. */
export function CaseListPage() {
  const { t, tKey, time } = useI18n();
  const [state, setState] = useState('open');
  const [category, setCategory] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [overdue, setOverdue] = useState(false);
  const now = useNow();
  // The queue is read again whenever a case in the area moves; countdowns tick here every second.
  const changed = useEventStream<{ events: number }>('/api/v1/cases/stream', 'changed');
  const query = new URLSearchParams({ limit: '200' });
  if (state) query.set('state', state);
  if (category) query.set('category', category);
  if (urgent) query.set('urgent', 'true');
  if (overdue) query.set('overdue', 'true');
  const cases = useApiGet<{ items: CaseItem[] }>(`/api/v1/cases?${query.toString()}`, changed.data);
  return (
    <section aria-labelledby="cases-heading">
      <div className="heading-row">
        <h1 id="cases-heading">{t('cases')}</h1>
        <LiveStatus status={changed.status} />
      </div>
      <div className="filters">
        <label>
          {t('filterCaseState')}
          <select value={state} onChange={(e) => setState(e.target.value)}>
            <option value="open">{t('stateOpen')}</option>
            <option value="">{t('all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {tKey('caseState_', s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterCategory')}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('all')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {tKey('category_', c)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
          {t('filterUrgent')}
        </label>
        <label className="check">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
          {t('filterOverdue')}
        </label>
      </div>
      <WhenLoaded loaded={cases}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('noCases')}</p>
          ) : (
            <div className="table-wrap">
              <table className="stack-on-phone">
                <thead>
                  <tr>
                    <th scope="col">{t('colNumber')}</th>
                    <th scope="col">{t('colCategory')}</th>
                    <th scope="col">{t('colStatus')}</th>
                    <th scope="col">{t('colAddress')}</th>
                    <th scope="col">{t('colCreated')}</th>
                    <th scope="col">{t('colDeadline')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id} data-testid="case-row">
                      <th scope="row">
                        <Link to={`/cases/${c.id}`}>{c.number}</Link>
                      </th>
                      <td data-label={t('colCategory')}>
                        {tKey('category_', c.category)}
                        {c.urgent && <span className="tag status-RUNNING">{t('urgent')}</span>}
                      </td>
                      <td data-label={t('colStatus')}>{tKey('caseState_', c.state)}</td>
                      <td data-label={t('colAddress')}>{c.address}</td>
                      <td data-label={t('colCreated')}>{time(c.openedAt)}</td>
                      <td data-label={t('colDeadline')}>
                        <Countdown deadline={c.nextDeadlineAt} now={now} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </WhenLoaded>
    </section>
  );
}
