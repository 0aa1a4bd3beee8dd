import { nobodyToCallNote, type NobodyToCall } from '../domain/nobody-to-call';
import type { CaseLogSnapshot } from '../store/case-log-snapshot';
import type { CaseCallDeps } from './case-call-deps';

/** Longer than any re-run of the same deadline job (BullMQ's attempts, a stalled worker's job). */
const CLAIM_TTL_S = 86_400;

/**
 * Puts a deadline step that found nobody to ring on the case's timeline, so a dispatcher sees which
 * step was due and what to fix. Noted once per step of a round, as a call is placed once: a job run
 * twice finds the claim taken.
 */
export async function recordNobodyToCall(
  deps: CaseCallDeps,
  c: CaseLogSnapshot,
  round: number,
  entry: NobodyToCall,
): Promise<'nobody' | 'already'> {
  const caseId = c.id;
  const claim = `${deps.keyPrefix}:case-nobody:${caseId}:${round}:${entry.purpose}:${entry.stage}`;
  if ((await deps.redis.set(claim, '1', 'EX', CLAIM_TTL_S, 'NX')) !== 'OK') return 'already';
  try {
    await deps.service.step(caseId, {
      type: 'nobody_to_call',
      actor: 'system',
      channel: 'system',
      note: nobodyToCallNote(entry),
      details: { unreachable: entry },
      // Just read by the deadline action: written at once unless the case moved since.
      seen: c,
    });
  } catch (error) {
    // Not on the timeline: the job's own retry notes it.
    await deps.redis.del(claim);
    throw error;
  }
  deps.logger.warn({ caseId, ...entry }, 'nobody with a phone to call about this case');
  return 'nobody';
}
