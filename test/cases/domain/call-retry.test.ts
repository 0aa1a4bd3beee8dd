import { nextCallTry, type CallRetryPolicy } from '../../../src/cases/domain/call-retry';

const policy: CallRetryPolicy = {
  attempts: 3,
  spacingMs: 10 * 60_000,
  infrastructureRetries: 2,
  infrastructureSpacingMs: 30_000,
};
// 2026-12-03 10:00 and 20:55 in Shanghai (UTC+8).
const MORNING = Date.parse('2026-12-03T02:00:00Z');
const LATE_EVENING = Date.parse('2026-12-03T12:55:00Z');
const QUIET = { startMinute: 21 * 60, endMinute: 8 * 60 };

describe('retrying a case call', () => {
  it('calls again 10 minutes after no answer or busy, counting the attempt', () => {
    for (const outcome of ['no-answer', 'busy'] as const) {
      expect(
        nextCallTry({ outcome, tried: { attempt: 1, dials: 1 }, now: MORNING, policy, quiet: QUIET }),
      ).toMatchObject({
        kind: 'retry',
        at: MORNING + 600_000,
        next: { attempt: 2, dials: 2 },
        counted: true,
      });
    }
  });

  it('stops after the configured number of unanswered attempts', () => {
    expect(
      nextCallTry({
        outcome: 'no-answer',
        tried: { attempt: 3, dials: 4 },
        now: MORNING,
        policy,
        quiet: null,
      }),
    ).toMatchObject({ kind: 'stop', reason: expect.stringContaining('attempt 3 of 3') });
  });

  it('a resident’s retry that would ring in quiet hours waits until they end; a duty worker’s does not', () => {
    const resident = nextCallTry({
      outcome: 'no-answer',
      tried: { attempt: 1, dials: 1 },
      now: LATE_EVENING,
      policy,
      quiet: QUIET,
    });
    expect(resident).toMatchObject({ kind: 'retry', at: Date.parse('2026-12-04T00:00:00Z') });
    const worker = nextCallTry({
      outcome: 'no-answer',
      tried: { attempt: 1, dials: 1 },
      now: LATE_EVENING,
      policy,
      quiet: null,
    });
    expect(worker).toMatchObject({ kind: 'retry', at: LATE_EVENING + 600_000 });
  });

  it('an engine or network failure is tried again without counting against the person', () => {
    for (const outcome of ['congestion', 'failed', 'not-dialled'] as const) {
      expect(
        nextCallTry({ outcome, tried: { attempt: 3, dials: 3 }, now: MORNING, policy, quiet: QUIET }),
      ).toMatchObject({
        kind: 'retry',
        at: MORNING + 30_000,
        next: { attempt: 3, dials: 4 },
        counted: false,
      });
    }
  });

  it('gives up on an engine that keeps failing', () => {
    expect(
      nextCallTry({
        outcome: 'congestion',
        tried: { attempt: 1, dials: 3 },
        now: MORNING,
        policy,
        quiet: null,
      }),
    ).toMatchObject({ kind: 'stop' });
  });

  it('an answer, a declined call, a wrong number or a lost outcome ends the tries', () => {
    for (const outcome of ['answered', 'rejected', 'invalid-number', 'unknown'] as const) {
      expect(
        nextCallTry({ outcome, tried: { attempt: 1, dials: 1 }, now: MORNING, policy, quiet: null }),
      ).toEqual({ kind: 'stop', reason: outcome });
    }
  });
});
