import type { AttemptResult, FailureReason } from './attempt-outcome';
import type { DtmfMenu } from './campaign-definition';

/** What the telephony layer knows when a call attempt ends. */
export interface TelephonyReport {
  answered: boolean;
  /** Q.850 cause of the hangup; null when the telephony layer never learnt it. */
  hangupCause: number | null;
  /** The last key pressed after the message, if any. */
  digit: string | null;
  amdStatus?: 'MACHINE' | 'HUMAN' | 'NOTSURE';
  /** The message was left after a machine's beep (the notify verb's `messageLeft` event). */
  messageLeft?: boolean;
}

type UnansweredResult = Omit<AttemptResult, 'messageLeft'>;

const failed = (failureReason: FailureReason): UnansweredResult => ({ outcome: 'failed', failureReason });

/** Q.850 8, preemption: linli hung the call up to give its channel to an SOS call. */
const PREEMPTION_CAUSE = 8;

/**
 * Q.850 38 and 41: the network failed the call. Also the cause of a call lost with the server carrying it
 * (see AttemptJournal), answered or not.
 */
const NETWORK_FAILURE_CAUSES: ReadonlySet<number> = new Set([38, 41]);

/** Q.850 causes of calls that were never answered. Anything not listed is a failure of unknown kind. */
const UNANSWERED_CAUSES: ReadonlyMap<number, UnansweredResult> = new Map([
  [17, { outcome: 'busy', failureReason: null }],
  [18, { outcome: 'no_answer', failureReason: null }],
  [19, { outcome: 'no_answer', failureReason: null }],
  // Subscriber absent: a mobile switched off or out of coverage, which passes like an unanswered call.
  [20, { outcome: 'no_answer', failureReason: null }],
  // Normal clearing before answer: the dialer gave up ringing.
  [16, { outcome: 'no_answer', failureReason: null }],
  [21, { outcome: 'rejected', failureReason: null }],
  [1, failed('invalid_number')],
  [3, failed('invalid_number')],
  [22, failed('invalid_number')],
  [28, failed('invalid_number')],
  [34, failed('congestion')],
  [42, failed('congestion')],
  [44, failed('congestion')],
  [47, failed('congestion')],
  // Destination out of order: the household's own line, unlike the network failures below.
  [27, failed('other')],
  [38, failed('network')],
  [41, failed('network')],
]);

/** Turns the telephony layer's report of an attempt into the campaign outcome. */
export function classifyAttempt(report: TelephonyReport, menu: DtmfMenu): AttemptResult {
  // Ended by linli to free the channel for an SOS, answered or not: never the household's doing.
  if (report.hangupCause === PREEMPTION_CAUSE) {
    return { outcome: 'failed', failureReason: 'preempted', messageLeft: false };
  }
  if (report.answered) return classifyAnswered(report, menu);
  if (report.hangupCause === null) return { outcome: 'unknown', failureReason: null, messageLeft: false };
  const known = UNANSWERED_CAUSES.get(report.hangupCause) ?? failed('other');
  return { ...known, messageLeft: false };
}

function classifyAnswered(report: TelephonyReport, menu: DtmfMenu): AttemptResult {
  const action = menu.options.find((option) => option.digit === report.digit)?.action;
  // A pressed key is proof of a person, whatever machine detection guessed.
  if (action === 'confirm') return { outcome: 'confirmed', failureReason: null, messageLeft: false };
  if (action === 'decline') return { outcome: 'declined', failureReason: null, messageLeft: false };
  // The line dropped under the household before they answered the menu (the server carrying the call
  // died): not their doing, they are called again. A message already left on a machine stays left.
  if (
    report.hangupCause !== null &&
    NETWORK_FAILURE_CAUSES.has(report.hangupCause) &&
    report.messageLeft !== true
  ) {
    return { outcome: 'failed', failureReason: 'network', messageLeft: false };
  }
  if (report.amdStatus === 'MACHINE') {
    return { outcome: 'machine', failureReason: null, messageLeft: report.messageLeft === true };
  }
  return { outcome: 'answered_no_digit', failureReason: null, messageLeft: false };
}
