import { SHANGHAI_OFFSET_MS } from '../../time/shanghai-clock';
import type { HouseholdResult } from './campaign-results';
import { stateLabel } from './outcome-labels';

export const RESULTS_HEADERS = [
  '户',
  '网格',
  '电话',
  '状态',
  '结果',
  '按键',
  '呼叫次数',
  '最后呼叫(北京时间)',
  '演练',
];

/** "2026-03-01 09:30:05", Shanghai wall-clock time, as a cadre expects it in a spreadsheet. */
export function shanghaiTime(date: Date | null): string {
  if (date === null) return '';
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** One row per household: the export's columns, in RESULTS_HEADERS order. */
export function resultRows(results: readonly HouseholdResult[], drill: boolean): string[][] {
  return results.map((r) => {
    const last = r.attempts.at(-1);
    const digit = [...r.attempts].reverse().find((a) => a.digit)?.digit ?? '';
    return [
      r.label,
      r.gridName ?? '',
      r.numbers.join(' / '),
      stateLabel(r.state),
      r.outcomeLabel,
      digit,
      String(r.attempts.length),
      shanghaiTime(last?.endedAt ?? last?.startedAt ?? null),
      drill ? '是' : '否',
    ];
  });
}
