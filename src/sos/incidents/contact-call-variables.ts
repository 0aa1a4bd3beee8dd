/** Where linli-sos-tell (dialplans/extensions.conf) reads the location message from. */
export const LOCATION_PROMPT_VARIABLE = 'LINLI_LOCATION_PROMPT';

/** How long a contact who pressed 1 is held for the bridge before the dialplan gives up. */
const HOLD_MAX_SECONDS = 60;

/**
 * Channel variables of a contact's SOS call in linli-notify: 1 holds the contact for the bridge
 * to the elder (or for the location, when the elder is gone), 2 declines. The location message
 * travels with the call so any linli process can have it played without rendering it again.
 */
export function contactCallVariables(prompts: { message: string; location: string }): Record<string, string> {
  return {
    LINLI_PROMPT: prompts.message,
    LINLI_DIGITS: '12',
    LINLI_REPEAT_DIGIT: '',
    LINLI_MAX_PLAYS: '2',
    LINLI_DIGIT_TIMEOUT: '5',
    LINLI_HOLD_DIGITS: '1',
    LINLI_HOLD_MAX: String(HOLD_MAX_SECONDS),
    LINLI_ACK_PROMPT: '',
    LINLI_AMD: 'off',
    [LOCATION_PROMPT_VARIABLE]: prompts.location,
  };
}

/** A message call that only plays the location (the fallback when a held call cannot be redirected). */
export function locationCallVariables(locationPrompt: string): Record<string, string> {
  return {
    LINLI_PROMPT: locationPrompt,
    LINLI_DIGITS: '1',
    LINLI_REPEAT_DIGIT: '',
    LINLI_MAX_PLAYS: '2',
    LINLI_DIGIT_TIMEOUT: '3',
    LINLI_HOLD_DIGITS: '',
    LINLI_ACK_PROMPT: '',
    LINLI_AMD: 'off',
  };
}
