import { Q850 } from '../../q850';

/**
 * hangup through the REST API: an answered call is completed, one still ringing or queued is canceled.
 * Twilio takes no cause; linli keeps the one asked for and reports it with the call's end.
 */
export function hangupUpdate(answered: boolean): { status: 'completed' | 'canceled' } {
  return { status: answered ? 'completed' : 'canceled' };
}

export function requestedCause(q850: number | undefined): number {
  return q850 !== undefined && Number.isInteger(q850) && q850 > 0 && q850 < 128 ? q850 : Q850.NORMAL_CLEARING;
}
