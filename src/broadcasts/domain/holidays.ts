import { getDayDetail } from 'chinese-days';
import { shanghaiDateKey } from '../../time/shanghai-clock';

/**
 * Whether the Shanghai calendar day of `instantMs` is a statutory public holiday (国庆节, 春节…), from
 * the maintained chinese-days calendar: a day off named after a festival. Ordinary weekends are not,
 * and make-up working days (调休) are not either.
 */
export function isPublicHoliday(instantMs: number): boolean {
  const detail = getDayDetail(shanghaiDateKey(instantMs));
  return !detail.work && detail.name.includes(',');
}
