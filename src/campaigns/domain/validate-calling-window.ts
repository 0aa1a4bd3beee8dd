import type { CallingWindow } from './campaign-definition';
import type { CampaignFieldProblem } from './campaign-field-problem';
import { isCalendarDate, parseTimeOfDay } from '../../time/shanghai-clock';

export function validateCallingWindow(window: CallingWindow, path = 'window'): CampaignFieldProblem[] {
  const errors: CampaignFieldProblem[] = [];
  const start = parseTimeOfDay(window.start, false);
  const end = parseTimeOfDay(window.end, true);
  if (start === null) {
    errors.push({
      field: `${path}.start`,
      code: 'invalid_format',
      reason: 'a start time is HH:MM, 00:00 to 23:59',
    });
  }
  if (end === null) {
    errors.push({
      field: `${path}.end`,
      code: 'invalid_format',
      reason: 'an end time is HH:MM, 00:01 to 24:00',
    });
  }
  if (start !== null && end !== null) {
    if (start === end) {
      errors.push({
        field: `${path}.end`,
        code: 'conflict',
        reason: 'the window is empty: start and end are equal',
      });
    } else if (end < start) {
      errors.push({
        field: `${path}.end`,
        code: 'out_of_range',
        reason: 'windows cannot cross midnight: end must be after start (use 24:00 for midnight)',
      });
    }
  }
  window.excludedDates.forEach((date, i) => {
    if (!isCalendarDate(date)) {
      errors.push({
        field: `${path}.excludedDates[${i}]`,
        code: 'invalid_format',
        reason: 'a date is YYYY-MM-DD',
      });
    }
  });
  return errors;
}
