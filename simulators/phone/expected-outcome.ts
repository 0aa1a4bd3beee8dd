import type { PhoneBehaviour } from './phone-behaviour';

/** What linli should record for a call to a phone that behaves so (the Call model's outcome words). */
export interface ExpectedOutcome {
  readonly outcome: 'answered' | 'busy' | 'no-answer' | 'rejected' | 'failed';
  /** The first key the person presses; Asterisk's Read() takes one. */
  readonly digit: string | null;
  /** An answering machine answered: Asterisk's AMD says MACHINE. */
  readonly machine: boolean;
  /** The Q.850 cause Asterisk reports on the channel's hangup, measured against Asterisk 22 (null: not measured). */
  readonly hangupCause: number | null;
}

const NORMAL_CLEARING = 16;

/** Measured: the cause Asterisk's PJSIP gives a call refused with each SIP status. */
const CAUSE_OF_STATUS: Readonly<Record<number, number>> = {
  400: 127,
  403: 21,
  404: 1,
  408: 18,
  410: 22,
  480: 19,
  484: 28,
  486: 17,
  500: 38,
  502: 27,
  503: 34,
  504: 102,
  600: 17,
  603: 21,
  604: 1,
};

/**
 * For no-answer the cause assumes linli's originate timeout is shorter than the network's
 * (noAnswerGiveUpMs), as it is in practice: linli cancels, Asterisk reports 19.
 */
export function expectedOutcome(behaviour: PhoneBehaviour): ExpectedOutcome {
  const answered = {
    outcome: 'answered',
    digit: null,
    machine: false,
    hangupCause: NORMAL_CLEARING,
  } as const;
  switch (behaviour.kind) {
    case 'press':
    case 'press-and-hold':
      return { ...answered, digit: behaviour.digits.slice(0, 1) };
    case 'hangup':
    case 'silent':
      return answered;
    case 'machine':
      return { ...answered, machine: true };
    case 'busy':
      return refused(486);
    case 'decline':
      return refused(603);
    case 'no-answer':
      return { outcome: 'no-answer', digit: null, machine: false, hangupCause: 19 };
    case 'reject':
      return refused(behaviour.sipStatus);
  }
}

function refused(status: number): ExpectedOutcome {
  const outcome =
    status === 486 || status === 600
      ? 'busy'
      : status === 480 || status === 408
        ? 'no-answer'
        : status === 603 || status === 403
          ? 'rejected'
          : 'failed';
  return { outcome, digit: null, machine: false, hangupCause: CAUSE_OF_STATUS[status] ?? null };
}
