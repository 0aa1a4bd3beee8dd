import { useState } from 'react';
import { download } from '../../api/client';
import type { Area, CaseFigures } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { BarChart, StackedBar, type Bar } from '../../ui/bar-chart';
import { useApiGet } from '../../ui/hooks';
import { WhenLoaded } from '../../ui/loaded';
import { shanghaiDay, shanghaiMidnight, weekStart } from '../broadcasts/shanghai-week';

const STAGES = ['accept', 'dispatch', 'on_site', 'resolve'];
const DAY_MS = 86_400_000;

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/**
 * The weekly case report (周报) a cadre prints for the town meeting: on-time rate per stage, the
 * closed-loop rate, satisfaction, top categories and hotspots by village and grid, as charts.
 */
export function WeeklyReportPage() {
  const { t, tKey } = useI18n();
  const { token } = useSession();
  const [monday, setMonday] = useState(() => shanghaiDay(weekStart(Date.now()) + 12 * 3600_000));
  const from = monday;
  const to = shanghaiDay(shanghaiMidnight(monday) + 7 * DAY_MS + 12 * 3600_000);
  const lastDay = shanghaiDay(shanghaiMidnight(monday) + 6 * DAY_MS + 12 * 3600_000);
  const figures = useApiGet<CaseFigures>(`/api/v1/case-reports/figures?from=${from}&to=${to}`);
  const areas = useApiGet<Area[]>('/api/v1/areas');
  const nameOf = (id: string | null, none: string) =>
    id === null ? none : ((areas.kind === 'ready' ? areas.data.find((a) => a.id === id)?.name : null) ?? id);
  const shift = (days: number) =>
    setMonday(shanghaiDay(weekStart(shanghaiMidnight(monday) + days * DAY_MS) + 12 * 3600_000));
  const counts = (rows: { id: string | null; cases: number }[], none: string): Bar[] => {
    const most = Math.max(1, ...rows.map((r) => r.cases));
    return rows.map((r) => ({ label: nameOf(r.id, none), share: r.cases / most, text: String(r.cases) }));
  };
  return (
    <article className="weekly-report" aria-labelledby="report-heading">
      <div className="heading-row">
        <h1 id="report-heading">
          {t('weeklyReport')} · {t('calendarWeek', { from, to: lastDay })}
        </h1>
      </div>
      <div className="actions no-print">
        <button type="button" onClick={() => shift(-7)}>
          {t('previousWeek')}
        </button>
        <label className="field">
          {t('reportWeek')}
          <input type="date" value={monday} onChange={(e) => e.target.value && setMonday(e.target.value)} />
        </label>
        <button type="button" onClick={() => shift(7)}>
          {t('nextWeek')}
        </button>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('printReport')}
        </button>
        <button
          type="button"
          onClick={() =>
            void download(
              token,
              `/api/v1/case-reports/figures?from=${from}&to=${to}&format=csv`,
              `cases-${from}.csv`,
            )
          }
        >
          {t('downloadCsv')}
        </button>
      </div>
      <WhenLoaded loaded={figures}>
        {(f) => (
          <>
            <p className="report-headline" data-testid="report-headline">
              {t('reportOpened', { count: f.opened })} · {t('reportClosed', { count: f.closed })}
            </p>
            <div className="report-grid">
              <BarChart
                caption={t('chartOnTime')}
                empty={t('noData')}
                bars={STAGES.map((stage) => {
                  const s = f.onTime[stage] ?? { met: 0, late: 0, rate: null };
                  return {
                    label: tKey('slaStage_', stage),
                    share: s.rate ?? 0,
                    text: t('rateOf', { rate: percent(s.rate), met: s.met, total: s.met + s.late }),
                  };
                })}
              />
              <BarChart
                caption={t('chartClosedLoop')}
                empty={t('noData')}
                bars={[
                  {
                    label: t('chartClosedLoop').split(/[（(]/)[0] ?? '',
                    share: f.closedLoopRate ?? 0,
                    text: t('rateOf', {
                      rate: percent(f.closedLoopRate),
                      met: f.closedLoop,
                      total: f.opened,
                    }),
                  },
                ]}
              />
              <StackedBar
                caption={`${t('chartSatisfaction')} · ${percent(f.satisfaction.rate)}`}
                empty={t('noData')}
                parts={[
                  { label: t('satisfied'), count: f.satisfaction.satisfied, className: 'part-good' },
                  { label: t('basically'), count: f.satisfaction.basically, className: 'part-fair' },
                  { label: t('notSatisfied'), count: f.satisfaction.not, className: 'part-bad' },
                ]}
              />
              <BarChart
                caption={t('chartCategories')}
                empty={t('noData')}
                bars={(() => {
                  const most = Math.max(1, ...f.topCategories.map((c) => c.cases));
                  return f.topCategories.map((c) => ({
                    label: tKey('category_', c.category),
                    share: c.cases / most,
                    text: String(c.cases),
                  }));
                })()}
              />
              <BarChart
                caption={t('chartVillages')}
                empty={t('noData')}
                bars={counts(f.hotspots.villages, t('townQueue'))}
              />
              <BarChart
                caption={t('chartGrids')}
                empty={t('noData')}
                bars={counts(f.hotspots.grids, t('noGrid'))}
              />
            </div>
          </>
        )}
      </WhenLoaded>
    </article>
  );
}
