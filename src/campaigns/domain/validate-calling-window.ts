import type { CallingWindow } from './campaign-definition';
import type { FieldError } from './field-error';
import { isCalendarDate, parseTimeOfDay } from './shanghai-clock';

export function validateCallingWindow(window: CallingWindow, path = 'window'): FieldError[] {
  const errors: FieldError[] = [];
  const start = parseTimeOfDay(window.start, false);
  const end = parseTimeOfDay(window.end, true);
  if (start === null) {
    errors.push({
      path: `${path}.start`,
      code: 'invalid_format',
      message: 'a start time is HH:MM, 00:00 to 23:59',
    });
  }
  if (end === null) {
    errors.push({
      path: `${path}.end`,
      code: 'invalid_format',
      message: 'an end time is HH:MM, 00:01 to 24:00',
    });
  }
  if (start !== null && end !== null) {
    if (start === end) {
      errors.push({
        path: `${path}.end`,
        code: 'conflict',
        message: 'the window is empty: start and end are equal',
      });
    } else if (end < start) {
      errors.push({
        path: `${path}.end`,
        code: 'out_of_range',
        message: 'windows cannot cross midnight: end must be after start (use 24:00 for midnight)',
      });
    }
  }
  window.excludedDates.forEach((date, i) => {
    if (!isCalendarDate(date)) {
      errors.push({
        path: `${path}.excludedDates[${i}]`,
        code: 'invalid_format',
        message: 'a date is YYYY-MM-DD',
      });
    }
  });
  return errors;
}
