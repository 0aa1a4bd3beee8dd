/** Q.850 release causes linli acts on, with the names operators see in Asterisk logs. */
export const Q850 = {
  UNALLOCATED_NUMBER: 1,
  /** linli ended the call to free its channel for an SOS call. */
  PREEMPTION: 8,
  NO_ROUTE_DESTINATION: 3,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21,
  NUMBER_CHANGED: 22,
  INVALID_NUMBER_FORMAT: 28,
  NORMAL_UNSPECIFIED: 31,
  NORMAL_CIRCUIT_CONGESTION: 34,
  NETWORK_OUT_OF_ORDER: 38,
  TEMPORARY_FAILURE: 41,
  SWITCH_CONGESTION: 42,
} as const;

export type CallEnd =
  'answered' | 'busy' | 'no-answer' | 'rejected' | 'invalid-number' | 'congestion' | 'failed' | 'unknown';

/** What a call's end means to a person, from whether it was answered and its release cause. */
export function classifyCallEnd(answered: boolean, cause: number, unknown = false): CallEnd {
  if (unknown) return 'unknown';
  if (answered) return 'answered';
  switch (cause) {
    case Q850.USER_BUSY:
      return 'busy';
    case Q850.NO_USER_RESPONSE:
    case Q850.NO_ANSWER:
    case Q850.SUBSCRIBER_ABSENT:
      return 'no-answer';
    case Q850.CALL_REJECTED:
      return 'rejected';
    case Q850.UNALLOCATED_NUMBER:
    case Q850.NO_ROUTE_DESTINATION:
    case Q850.NUMBER_CHANGED:
    case Q850.INVALID_NUMBER_FORMAT:
      return 'invalid-number';
    // The carrier or our side had no capacity: not the person's doing.
    case Q850.NORMAL_CIRCUIT_CONGESTION:
    case Q850.SWITCH_CONGESTION:
      return 'congestion';
    default:
      return 'failed';
  }
}

/**
 * Asterisk's OriginateResponse reasons (AST_CONTROL_* values) as Q.850 causes, for originates that
 * fail before a channel reports its own cause.
 */
export function originateReasonToCause(reason: number): number {
  switch (reason) {
    case 3: // rang, nobody answered
      return Q850.NO_ANSWER;
    case 5:
      return Q850.USER_BUSY;
    case 8:
      return Q850.NORMAL_CIRCUIT_CONGESTION;
    case 1: // hung up before answer
      return Q850.CALL_REJECTED;
    default:
      return Q850.TEMPORARY_FAILURE;
  }
}
