import type { CallEvent } from '../../call-events';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event a webhook's step raises, before it is stamped with the call, the engine and the time. */
export type StepEvent = DistributiveOmit<CallEvent, 'callId' | 'server' | 'at'>;

/** What a webhook answers Twilio, and the events its request means. */
export interface WebhookStep {
  twiml: string;
  events: StepEvent[];
}

/** Seconds for a TwiML attribute from milliseconds: whole, at least one. */
export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
