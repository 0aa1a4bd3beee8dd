import type { EndedCallRecord, MachineVerdict } from '../../telephony/call-events';
import {
  ATTEMPT_OUTCOMES,
  classifyAttempt,
  DEFAULT_MENU,
  type Attempt,
  type AttemptOutcome,
  type FailureReason,
  type TelephonyReport,
} from '../domain';

/** What the campaign keeps of one attempt, as its CampaignAttempt row holds it. */
export interface AttemptRow {
  number: string;
  answeredAt: Date | null;
  endedAt: Date | null;
  outcome: string | null;
  digit: string | null;
  hangupCause: number | null;
  amd: string | null;
}

type AmdStatus = NonNullable<TelephonyReport['amdStatus']>;
const AMD_STATUSES: readonly string[] = ['MACHINE', 'HUMAN', 'NOTSURE'] satisfies AmdStatus[];

/** The `amd` column's value for machine detection's verdict. */
export const AMD_COLUMN: Record<MachineVerdict, AmdStatus> = {
  machine: 'MACHINE',
  human: 'HUMAN',
  unsure: 'NOTSURE',
};

/**
 * The `amd` column holds the detection result, and MACHINE:LEFT once the message was played after the
 * machine's beep (the row has no column of its own for that; see the campaigns README).
 */
export const MESSAGE_LEFT_AMD = 'MACHINE:LEFT';

export function parseAmd(column: string | null): { status: AmdStatus | undefined; messageLeft: boolean } {
  if (column === MESSAGE_LEFT_AMD) return { status: 'MACHINE', messageLeft: true };
  const status = column !== null && AMD_STATUSES.includes(column) ? (column as AmdStatus) : undefined;
  return { status, messageLeft: false };
}

/** The report `classifyAttempt` reads, from the row and (after a restart) what the engine kept. */
export function telephonyReport(row: AttemptRow, kept: EndedCallRecord | null = null): TelephonyReport {
  const amd = parseAmd(row.amd ?? (kept?.machine ? AMD_COLUMN[kept.machine] : null));
  return {
    answered: row.answeredAt !== null || kept?.answered === true,
    hangupCause: row.hangupCause ?? kept?.q850 ?? null,
    digit: row.digit ?? (kept?.digit || null),
    amdStatus: amd.status,
    messageLeft: amd.messageLeft,
  };
}

export function asOutcome(value: string | null): AttemptOutcome {
  return (ATTEMPT_OUTCOMES as readonly string[]).includes(value ?? '')
    ? (value as AttemptOutcome)
    : 'unknown';
}

/** Why a failed attempt failed follows from its cause alone, so it is derived rather than stored. */
export function failureReasonOf(outcome: AttemptOutcome, hangupCause: number | null): FailureReason | null {
  if (outcome !== 'failed') return null;
  if (hangupCause === null) return 'other';
  return classifyAttempt({ answered: false, hangupCause, digit: null }, DEFAULT_MENU).failureReason;
}

/** A household's ended attempts as the retry rules read them. */
export function attemptHistory(rows: readonly AttemptRow[]): Attempt[] {
  return rows.flatMap((row) => {
    if (row.endedAt === null) return [];
    const outcome = asOutcome(row.outcome);
    return [
      {
        number: row.number,
        outcome,
        endedAt: row.endedAt,
        failureReason: failureReasonOf(outcome, row.hangupCause),
        messageLeft: parseAmd(row.amd).messageLeft,
      },
    ];
  });
}
