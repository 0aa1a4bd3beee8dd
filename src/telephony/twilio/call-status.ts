import { Q850 } from '../q850';

/** SIP final responses Twilio reports on a failed call, as the Q.850 causes linli classifies. */
const SIP_TO_Q850: Record<number, number> = {
  404: Q850.UNALLOCATED_NUMBER,
  410: Q850.NUMBER_CHANGED,
  484: Q850.INVALID_NUMBER_FORMAT,
  403: Q850.CALL_REJECTED,
  603: Q850.CALL_REJECTED,
  408: Q850.NO_USER_RESPONSE,
  480: Q850.NO_USER_RESPONSE,
  486: Q850.USER_BUSY,
  600: Q850.USER_BUSY,
  502: Q850.NETWORK_OUT_OF_ORDER,
  503: Q850.NORMAL_CIRCUIT_CONGESTION,
};

/** Twilio's CallStatus values that end a call. */
const FINAL_STATUSES = ['completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
type FinalStatus = (typeof FINAL_STATUSES)[number];

export function isFinalStatus(status: string): status is FinalStatus {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/**
 * The Q.850 cause of a call's end, from Twilio's final status and the SIP response it reports. A call
 * linli hung up ends with the cause linli asked for (Twilio takes none).
 */
export function endCause(
  status: FinalStatus,
  sipResponseCode: number | undefined,
  requested?: number,
): number {
  if (requested !== undefined && (status === 'completed' || status === 'canceled')) return requested;
  switch (status) {
    case 'completed':
    case 'canceled':
      return Q850.NORMAL_CLEARING;
    case 'busy':
      return Q850.USER_BUSY;
    case 'no-answer':
      return Q850.NO_ANSWER;
    case 'failed':
      return (sipResponseCode !== undefined && SIP_TO_Q850[sipResponseCode]) || Q850.TEMPORARY_FAILURE;
  }
}
