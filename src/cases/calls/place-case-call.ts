import { createHash } from 'node:crypto';
import { isUniqueViolation } from '../../directory/unique-violation';
import { NotDialled } from '../../telephony/errors/not-dialled';
import { speak } from '../../telephony/prompt';
import type { NotifyRequest } from '../../telephony/verbs/notify';
import type { CallTry } from '../domain/call-retry';
import type { SlaStage } from '../domain/sla-policy';
import { retryCaseCall } from './call-retries';
import type { CaseCallDeps } from './case-call-deps';
import type { CallTarget } from './case-call-targets';

export interface CaseCallRequest {
  caseId: string;
  round: number;
  /** escalation-warn, escalation-breach-<level>, satisfaction. */
  purpose: string;
  stage?: SlaStage;
  target: CallTarget;
  text: string;
  choices: NotifyRequest['choices'];
  /** A retry: the person's attempt and the dial it is (absent: the first of both). */
  tried?: CallTry;
}

/**
 * Places one case call at most once: its id is derived from what it is for, and its CaseCall row is
 * written before anything rings, so a job run twice never rings twice. The call takes a channel at
 * escalation priority (above campaigns, below SOS) and goes on the case's timeline.
 */
export async function placeCaseCall(
  deps: CaseCallDeps,
  request: CaseCallRequest,
): Promise<'placed' | 'already' | 'retry-queued' | 'not-dialled'> {
  const { db } = deps.service;
  const tried = request.tried ?? { attempt: 1, dials: 1 };
  // Each dial has its own id (the first keeps the id it always had), so a retry is a new call.
  const key =
    `${request.caseId}:${request.round}:${request.purpose}:${request.stage ?? ''}` +
    (tried.dials > 1 ? `:${tried.dials}` : '');
  const callId = `case-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
  try {
    await db.caseCall.create({
      data: {
        callId,
        caseId: request.caseId,
        purpose: request.purpose,
        stage: request.stage ?? null,
        target: request.target.target,
        number: request.target.number,
        round: request.round,
        attempt: tried.attempt,
        dials: tried.dials,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return 'already';
    throw error;
  }
  const timeline = (outcome: string, note?: string) =>
    deps.service.step(request.caseId, {
      type: 'call',
      actor: 'system',
      channel: 'system',
      note,
      details: {
        callId,
        call: {
          purpose: request.purpose,
          to: request.target.number,
          outcome,
          attempt: tried.attempt,
          ...(request.stage ? { stage: request.stage } : {}),
        },
      },
    });
  try {
    await deps.budget.take(deps.trunk, 'escalation', callId);
    await deps.calls.notify({
      callId,
      trunk: deps.trunk,
      destination: request.target.number,
      ringTimeoutMs: deps.ringTimeoutMs ?? 30_000,
      prompt: [speak(request.text)],
      choices: request.choices,
      repeatDigit: '9',
      maxPlays: 3,
      digitTimeoutMs: 6000,
      acknowledgement: [speak('已记录，谢谢。')],
      machineDetection: 'off',
    });
  } catch (error) {
    await deps.budget.release(callId, error);
    if (error instanceof NotDialled) {
      // Nothing rang: give the call back; the retry (not counted against the person) dials it again.
      await db.caseCall.delete({ where: { callId } });
      const retry = await retryCaseCall(
        deps,
        { ...request, stage: request.stage ?? null },
        'not-dialled',
        tried,
      );
      await timeline(`not dialled: ${error.message}`, retry?.note);
      if (retry?.queued) return 'retry-queued';
      // Out of tries: done. Without a retry queue, the job's own retry (BullMQ's attempts) dials it.
      if (retry) return 'not-dialled';
    }
    throw error;
  }
  await timeline('dialling');
  return 'placed';
}
