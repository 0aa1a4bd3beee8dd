import { createHash } from 'node:crypto';
import { isUniqueViolation } from '../../directory/unique-violation';
import { NotDialled } from '../../telephony/errors/not-dialled';
import { speak } from '../../telephony/prompt';
import type { NotifyRequest } from '../../telephony/verbs/notify';
import type { SlaStage } from '../domain/sla-policy';
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
}

/**
 * Places one case call at most once: its id is derived from what it is for, and its CaseCall row is
 * written before anything rings, so a job run twice never rings twice. The call takes a channel at
 * escalation priority (above campaigns, below SOS) and goes on the case's timeline.
 */
export async function placeCaseCall(
  deps: CaseCallDeps,
  request: CaseCallRequest,
): Promise<'placed' | 'already'> {
  const { db } = deps.service;
  const key = `${request.caseId}:${request.round}:${request.purpose}:${request.stage ?? ''}`;
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
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return 'already';
    throw error;
  }
  const timeline = (outcome: string) =>
    deps.service.step(request.caseId, {
      type: 'call',
      actor: 'system',
      channel: 'system',
      details: {
        callId,
        call: {
          purpose: request.purpose,
          to: request.target.number,
          outcome,
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
    if (error instanceof NotDialled) {
      // Nothing rang: give the call back so the job's retry dials it.
      await db.caseCall.delete({ where: { callId } });
      await timeline(`not dialled: ${error.message}`);
    }
    throw error;
  }
  await timeline('dialling');
  return 'placed';
}
