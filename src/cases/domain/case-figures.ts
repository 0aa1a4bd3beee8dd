import type { SlaStage } from './sla-policy';
import type { StageSla } from './sla-state';

/** One case as the figures see it: where, what, how far it got, its stages and the resident's verdict. */
export interface CaseForFigures {
  category: string;
  villageId: string | null;
  gridId: string | null;
  state: string;
  stages: readonly Pick<StageSla, 'stage' | 'status'>[];
  satisfaction: 'satisfied' | 'basically' | 'not' | null;
}

export interface CaseFigures {
  opened: number;
  closed: number;
  /** Closed and asked for their verdict: the whole loop from 受理 to 评价. */
  closedLoop: number;
  closedLoopRate: number | null;
  /** Per stage: stages finished in time, late (including still running past the deadline) and the rate. */
  onTime: Record<SlaStage, { met: number; late: number; rate: number | null }>;
  satisfaction: { satisfied: number; basically: number; not: number; rate: number | null };
  topCategories: { category: string; cases: number }[];
  hotspots: {
    villages: { id: string | null; cases: number }[];
    grids: { id: string | null; cases: number }[];
  };
}

const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

/** The headline figures of a set of cases (a week, a village): on-time, closed-loop, satisfaction, where. */
export function caseFigures(cases: readonly CaseForFigures[]): CaseFigures {
  const onTime = {
    accept: { met: 0, late: 0, rate: null },
    dispatch: { met: 0, late: 0, rate: null },
    on_site: { met: 0, late: 0, rate: null },
    resolve: { met: 0, late: 0, rate: null },
  } as CaseFigures['onTime'];
  const verdicts = { satisfied: 0, basically: 0, not: 0 };
  let closed = 0;
  let closedLoop = 0;
  for (const c of cases) {
    for (const s of c.stages) {
      if (s.status === 'met') onTime[s.stage].met++;
      if (s.status === 'missed' || s.status === 'breached') onTime[s.stage].late++;
    }
    if (c.state === 'closed') closed++;
    if (c.satisfaction) verdicts[c.satisfaction]++;
    if (c.state === 'closed' && c.satisfaction) closedLoop++;
  }
  for (const stage of Object.values(onTime)) stage.rate = ratio(stage.met, stage.met + stage.late);
  const answered = verdicts.satisfied + verdicts.basically + verdicts.not;
  return {
    opened: cases.length,
    closed,
    closedLoop,
    closedLoopRate: ratio(closedLoop, cases.length),
    onTime,
    satisfaction: { ...verdicts, rate: ratio(verdicts.satisfied + verdicts.basically, answered) },
    topCategories: ranked(cases.map((c) => c.category)).map(([category, n]) => ({ category, cases: n })),
    hotspots: {
      villages: ranked(cases.map((c) => c.villageId)).map(([id, n]) => ({ id, cases: n })),
      grids: ranked(cases.map((c) => c.gridId)).map(([id, n]) => ({ id, cases: n })),
    },
  };
}

function ranked<K>(keys: readonly K[]): [K, number][] {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10);
}

/** The figures as CSV rows (metric, key, value): one file a spreadsheet opens. */
export function figuresCsv(figures: CaseFigures, names: (areaId: string | null) => string): string {
  const rows: (string | number | null)[][] = [['metric', 'key', 'value']];
  rows.push(
    ['opened', '', figures.opened],
    ['closed', '', figures.closed],
    ['closed_loop', '', figures.closedLoop],
  );
  rows.push(['closed_loop_rate', '', figures.closedLoopRate]);
  for (const [stage, f] of Object.entries(figures.onTime)) rows.push(['on_time_rate', stage, f.rate]);
  rows.push(['satisfaction_rate', '', figures.satisfaction.rate]);
  for (const key of ['satisfied', 'basically', 'not'] as const)
    rows.push(['satisfaction', key, figures.satisfaction[key]]);
  for (const c of figures.topCategories) rows.push(['category', c.category, c.cases]);
  for (const v of figures.hotspots.villages) rows.push(['village', names(v.id), v.cases]);
  for (const g of figures.hotspots.grids) rows.push(['grid', names(g.id), g.cases]);
  return rows.map((r) => r.map((v) => csvCell(v)).join(',')).join('\n') + '\n';
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
