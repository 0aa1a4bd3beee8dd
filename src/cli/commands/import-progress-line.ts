import type { ImportProgress } from '../../directory/import/types';

const UNIT: Record<ImportProgress['stage'], string> = { checking: 'rows', writing: 'households' };

/** `checking  45%  45,000/100,000 rows`: what `linli import households` shows while it works. */
export function importProgressLine(progress: ImportProgress): string {
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
  const count = `${progress.done.toLocaleString('en')}/${progress.total.toLocaleString('en')}`;
  return `${progress.stage.padEnd(8)} ${String(percent).padStart(3)}%  ${count} ${UNIT[progress.stage]}`;
}
