import { useI18n } from '../i18n/i18n';

/** Outcomes by count as horizontal bars; the numbers are written out, not only drawn. */
export function OutcomeChart({
  byOutcome,
  labels,
}: {
  byOutcome: Record<string, number>;
  labels: Record<string, string>;
}) {
  const { t } = useI18n();
  const rows = Object.entries(byOutcome).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <figure className="chart">
      <figcaption>{t('outcomes')}</figcaption>
      <dl>
        {rows.map(([outcome, count]) => (
          <div key={outcome} className="chart-row">
            <dt>{labels[outcome] ?? outcome}</dt>
            <dd>
              <span
                className={`chart-bar outcome-${outcome}`}
                style={{ width: `${(count / most) * 100}%` }}
              />
              <span className="chart-count">{count}</span>
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
