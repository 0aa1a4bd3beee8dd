import type { CaseItem } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useNow } from '../../ui/clock';
import { useApiGet } from '../../ui/hooks';
import { WhenLoaded } from '../../ui/loaded';
import { Link } from '../../ui/router';
import { Countdown } from './countdown';

/** Within this of its deadline a case is shown on the overview. */
const DUE_WITHIN_MS = 2 * 60 * 60_000;
const REFRESH_MS = 10_000;

/** The overview's open cases near or past their next deadline, soonest first. */
export function DueCases() {
  const { t, tKey } = useI18n();
  const now = useNow();
  const cases = useApiGet<{ items: CaseItem[] }>('/api/v1/cases?state=open&limit=20', useNow(REFRESH_MS));
  return (
    <section aria-labelledby="due-heading">
      <h2 id="due-heading">{t('dueCases')}</h2>
      <WhenLoaded loaded={cases}>
        {({ items }) => {
          const due = items.filter(
            (c) => c.nextDeadlineAt !== null && new Date(c.nextDeadlineAt).getTime() - now < DUE_WITHIN_MS,
          );
          if (due.length === 0) return <p className="muted">{t('noDueCases')}</p>;
          return (
            <ul className="cards">
              {due.map((c) => (
                <li key={c.id} className="card">
                  <Link to={`/cases/${c.id}`}>{c.number}</Link> · {tKey('category_', c.category)} ·{' '}
                  {tKey('caseState_', c.state)} · <Countdown deadline={c.nextDeadlineAt} now={now} />
                  <p>{c.address}</p>
                </li>
              ))}
            </ul>
          );
        }}
      </WhenLoaded>
    </section>
  );
}
