import type { QueuedAttempt, TrunkQueues } from '../dialer/trunk-queues';

export interface QueueingOutcome {
  /** Why queueing stopped early (null: every first call is queued); the reconciler queues the rest later. */
  failure: string | null;
}

/** Queued before the campaign's creation answers: enough to keep any trunk's channels busy for minutes. */
const QUEUED_AT_ONCE = 1_000;

/**
 * Queues every household's first call: the first thousand before this resolves, so calls start at once,
 * the others in the background, because BullMQ takes a few thousand jobs a second and a city's 200,000
 * would hold the request for a minute. The dialer dials far slower than that, so it never waits for the
 * queue. Nothing is lost if the process dies meanwhile: the reconciler queues every waiting household of a
 * running campaign that has no job. `rest` never rejects; it says how far it got.
 */
export async function queueFirstAttempts(
  queues: TrunkQueues,
  trunk: string,
  attempts: readonly QueuedAttempt[],
): Promise<{ rest: Promise<QueueingOutcome> }> {
  await queues.enqueue(trunk, attempts.slice(0, QUEUED_AT_ONCE));
  const later = attempts.slice(QUEUED_AT_ONCE);
  const rest = queues.enqueue(trunk, later).then(
    () => ({ failure: null }),
    (error: Error) => ({ failure: error.message }),
  );
  return { rest };
}
