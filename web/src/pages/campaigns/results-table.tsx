import { useState } from 'react';
import type { HouseholdResult } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useApiGet } from '../../ui/hooks';
import { WhenLoaded } from '../../ui/loaded';

const PAGE = 50;
const STATES = ['PENDING', 'DIALING', 'FINAL', 'EXHAUSTED', 'CANCELLED'];

/** Each household's outcome, filtered by state and outcome, a page at a time; read again as calls settle. */
export function ResultsTable(props: {
  campaignId: string;
  labels: Record<string, string>;
  refreshKey: number;
}) {
  const { t, tKey } = useI18n();
  const [state, setState] = useState('');
  const [outcome, setOutcome] = useState('');
  const [offset, setOffset] = useState(0);
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  if (state) query.set('state', state);
  if (outcome) query.set('outcome', outcome);
  // Read again whenever another household settles.
  const results = useApiGet<{ items: HouseholdResult[]; total: number }>(
    `/api/v1/campaigns/${props.campaignId}/results?${query.toString()}`,
    props.refreshKey,
  );
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">{t('results')}</h2>
      <div className="filters">
        <label>
          {t('filterState')}
          <select
            value={state}
            onChange={(e) => {
              setState(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {tKey('state_', s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterOutcome')}
          <select
            value={outcome}
            onChange={(e) => {
              setOutcome(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('all')}</option>
            {Object.entries(props.labels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <WhenLoaded loaded={results}>
        {({ items, total }) =>
          items.length === 0 ? (
            <p className="muted">{t('noResults')}</p>
          ) : (
            <>
              <div className="table-wrap">
                <table className="stack-on-phone">
                  <thead>
                    <tr>
                      <th scope="col">{t('colHousehold')}</th>
                      <th scope="col">{t('colGrid')}</th>
                      <th scope="col">{t('colNumbers')}</th>
                      <th scope="col">{t('colStatus')}</th>
                      <th scope="col">{t('colOutcome')}</th>
                      <th scope="col">{t('colAttempts')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((r) => (
                      <tr key={r.targetId}>
                        <td data-label={t('colHousehold')}>{r.label}</td>
                        <td data-label={t('colGrid')}>{r.gridName ?? '—'}</td>
                        <td data-label={t('colNumbers')}>{r.numbers.join(' ')}</td>
                        <td data-label={t('colStatus')}>{tKey('state_', r.state)}</td>
                        <td data-label={t('colOutcome')}>
                          {r.outcome ? (props.labels[r.outcome] ?? r.outcomeLabel) : '—'}
                        </td>
                        <td data-label={t('colAttempts')}>{r.attempts.length}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label={t('results')}>
                <button
                  type="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  {t('previousPage')}
                </button>
                <span>{t('pageOf', { from: offset + 1, to: offset + items.length, total })}</span>
                <button
                  type="button"
                  disabled={offset + PAGE >= total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  {t('nextPage')}
                </button>
              </nav>
            </>
          )
        }
      </WhenLoaded>
    </section>
  );
}
