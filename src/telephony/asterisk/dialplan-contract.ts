/**
 * The contract with linli's dialplan (dialplans/extensions.conf): the contexts linli sends calls to,
 * the channel variables they read and the user events they raise. Nothing outside this driver knows it.
 */
export const Context = {
  notify: 'linli-notify',
  say: 'linli-say',
  tell: 'linli-tell',
  gather: 'linli-gather',
  record: 'linli-record',
  page: 'linli-page',
} as const;

export const Variable = {
  callId: 'LINLI_CALL_ID',
  prompt: 'LINLI_PROMPT',
  digits: 'LINLI_DIGITS',
  repeatDigit: 'LINLI_REPEAT_DIGIT',
  maxPlays: 'LINLI_MAX_PLAYS',
  digitTimeout: 'LINLI_DIGIT_TIMEOUT',
  holdDigits: 'LINLI_HOLD_DIGITS',
  holdMax: 'LINLI_HOLD_MAX',
  ackPrompt: 'LINLI_ACK_PROMPT',
  amd: 'LINLI_AMD',
  verbPrompt: 'LINLI_VERB_PROMPT',
  gatherMaxDigits: 'LINLI_GATHER_MAX',
  gatherTimeout: 'LINLI_GATHER_TIMEOUT',
  recordName: 'LINLI_RECORD_NAME',
  recordMaxSeconds: 'LINLI_RECORD_MAX',
  recordSilenceSeconds: 'LINLI_RECORD_SILENCE',
  recordBeep: 'LINLI_RECORD_BEEP',
  pageTargets: 'LINLI_PAGE_TARGETS',
  pageTimeout: 'LINLI_PAGE_TIMEOUT',
} as const;

/** UserEvent names the dialplan raises (AMI lowercases the field names). */
export const UserEventName = {
  inbound: 'LinliInbound',
  answered: 'LinliAnswered',
  digit: 'LinliDigit',
  repeat: 'LinliRepeat',
  amd: 'LinliAmd',
  messageLeft: 'LinliMessageLeft',
  holding: 'LinliHolding',
  told: 'LinliTold',
  played: 'LinliPlayed',
  gathered: 'LinliGathered',
  recorded: 'LinliRecorded',
} as const;

/** AstDB family where the dialplan keeps an answered call's outcome until linli has read it. */
export const KEPT_OUTCOME_FAMILY = 'linli-outcome';

/** linli-notify's values of LINLI_AMD. */
export const AmdMode = { off: 'off', 'leave-message': 'leave', 'hang-up': 'hangup' } as const;
