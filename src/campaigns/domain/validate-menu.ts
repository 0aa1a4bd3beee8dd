import type { DtmfMenu } from './campaign-definition';
import type { CampaignFieldProblem } from './campaign-field-problem';

/** The dialplan reads one key with Read(), which ends input on "#", so "#" can never be a choice. */
const MENU_DIGIT = /^[0-9*]$/;
/** The message is played at most three times in all: listeners who need more should be visited. */
const MAX_MENU_REPEATS = 2;
const MAX_MENU_LABEL_CHARS = 20;

export function validateMenu(menu: DtmfMenu, path = 'menu'): CampaignFieldProblem[] {
  const errors: CampaignFieldProblem[] = [];
  const seenDigits = new Set<string>();
  let repeatOptions = 0;
  menu.options.forEach((option, i) => {
    const at = `${path}.options[${i}]`;
    if (!MENU_DIGIT.test(option.digit)) {
      errors.push({ field: `${at}.digit`, code: 'invalid_format', reason: 'a menu key is one of 0-9 or *' });
    } else if (seenDigits.has(option.digit)) {
      errors.push({ field: `${at}.digit`, code: 'duplicate', reason: `key ${option.digit} is used twice` });
    }
    seenDigits.add(option.digit);
    if (option.label.trim() === '') {
      errors.push({ field: `${at}.label`, code: 'required', reason: 'every key needs a label for reports' });
    } else if ([...option.label].length > MAX_MENU_LABEL_CHARS) {
      errors.push({
        field: `${at}.label`,
        code: 'too_long',
        reason: `a label has at most ${MAX_MENU_LABEL_CHARS} characters`,
      });
    }
    if (option.action === 'repeat') {
      repeatOptions += 1;
      if (repeatOptions > 1) {
        errors.push({
          field: `${at}.action`,
          code: 'duplicate',
          reason: 'only one key may repeat the message',
        });
      }
    }
  });
  if (!menu.options.some((option) => option.action === 'confirm')) {
    errors.push({ field: `${path}.options`, code: 'required', reason: 'the menu needs a key to confirm' });
  }
  if (!Number.isInteger(menu.maxRepeats) || menu.maxRepeats < 0 || menu.maxRepeats > MAX_MENU_REPEATS) {
    errors.push({
      field: `${path}.maxRepeats`,
      code: 'out_of_range',
      reason: `repeats are a whole number from 0 to ${MAX_MENU_REPEATS}`,
    });
  } else if (repeatOptions > 0 && menu.maxRepeats === 0) {
    errors.push({
      field: `${path}.maxRepeats`,
      code: 'conflict',
      reason: 'the menu offers a repeat key but allows no repeats',
    });
  }
  return errors;
}
