import type { DtmfMenu } from '../domain';
import type { AnsweringMachineMode, DialSettings } from '../campaign-record';

const AMD_MODE: Record<AnsweringMachineMode, string> = {
  ignore: 'off',
  'leave-message': 'leave',
  'retry-later': 'hangup',
};

/** Channel variables of dialplans/extensions.conf [linli-notify] for one campaign call. */
export function notifyVariables(
  menu: DtmfMenu,
  settings: DialSettings,
  prompts: { message: string; ack: string | null },
): Record<string, string> {
  const answers = menu.options.filter((o) => o.action === 'confirm' || o.action === 'decline');
  return {
    LINLI_PROMPT: prompts.message,
    LINLI_DIGITS: answers.map((o) => o.digit).join(''),
    LINLI_REPEAT_DIGIT: menu.options.find((o) => o.action === 'repeat')?.digit ?? '',
    LINLI_MAX_PLAYS: String(1 + menu.maxRepeats),
    LINLI_DIGIT_TIMEOUT: String(settings.digitTimeoutSeconds),
    LINLI_AMD: AMD_MODE[settings.answeringMachine],
    LINLI_ACK_PROMPT: prompts.ack ?? '',
  };
}
