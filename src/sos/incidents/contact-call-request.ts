import type { Prompt } from '../../telephony/prompt';
import type { NotifyRequest } from '../../telephony/verbs/notify';

/** How long a contact who pressed 1 is held for the bridge before the engine gives up. */
const HOLD_MAX_MS = 60_000;

/** Who is called, from where, for how long: the same for every call of an incident. */
export type ContactCallBase = Pick<
  NotifyRequest,
  'callId' | 'trunk' | 'destination' | 'callerId' | 'ringTimeoutMs'
>;

/** A contact's SOS call: 1 holds the contact for the bridge to the elder (or for the location), 2 declines. */
export function contactNotify(base: ContactCallBase, message: Prompt): NotifyRequest {
  return {
    ...base,
    prompt: message,
    choices: [
      { digit: '1', label: '立即接通老人', hold: true },
      { digit: '2', label: '无法前往' },
    ],
    maxPlays: 2,
    digitTimeoutMs: 5000,
    holdMaxMs: HOLD_MAX_MS,
    machineDetection: 'off',
  };
}

/** A message call that only plays the location (the fallback when a held call cannot be told it). */
export function locationNotify(base: ContactCallBase, location: Prompt): NotifyRequest {
  return {
    ...base,
    prompt: location,
    choices: [{ digit: '1', label: '知道了' }],
    maxPlays: 2,
    digitTimeoutMs: 3000,
    machineDetection: 'off',
  };
}
