import { ConflictError } from '../../directory/errors';
import type { Unsubscribe } from '../../telephony/call-control';
import type { CallEvent } from '../../telephony/call-events';
import type { CaseState } from '../domain/case-types';
import type { SlaStage } from '../domain/sla-policy';
import type { CaseStep } from '../store/record-step';
import { retryCaseCall } from './call-retries';
import type { CaseCallDeps } from './case-call-deps';
import { supervisorTarget } from './case-call-targets';

const SATISFACTION = { '1': 'satisfied', '2': 'basically', '3': 'not' } as const;

/**
 * Acts on what happens on case calls: a grid worker's key moves the case (1 accepts it, or takes an
 * accepted one; 2 on site), a resident's key is their satisfaction (3 reopens the case to the
 * supervisor), and each call's end goes on the timeline. Every process hears every call's events; a
 * Redis key lets exactly one of them act on each.
 */
export function actOnCaseCallKeys(deps: CaseCallDeps): Unsubscribe {
  return deps.calls.onCallEvent((event) => {
    if (!event.callId.startsWith('case-')) return;
    if (event.type !== 'digit' && event.type !== 'ended') return;
    handle(deps, event).catch((error: Error) =>
      deps.logger.error({ callId: event.callId, err: error.message }, 'case call event not applied'),
    );
  });
}

async function handle(deps: CaseCallDeps, event: CallEvent): Promise<void> {
  const { db } = deps.service;
  const call = await db.caseCall.findUnique({ where: { callId: event.callId } });
  if (!call) return;
  const claimed = await deps.redis.set(
    `${deps.keyPrefix}:case-call:${event.callId}:${event.type}`,
    '1',
    'EX',
    86_400,
    'NX',
  );
  if (claimed !== 'OK') return;
  const base = { callId: call.callId, call: { purpose: call.purpose, to: call.number, outcome: '' } };

  if (event.type === 'ended') {
    const tried = { attempt: call.attempt, dials: call.dials };
    const retry = await retryCaseCall(
      deps,
      { ...call, stage: call.stage as SlaStage | null },
      event.answered ? 'answered' : event.cause,
      tried,
    );
    await deps.service.step(call.caseId, {
      type: 'call',
      actor: 'system',
      channel: 'system',
      note: retry?.note,
      details: {
        ...base,
        call: {
          ...base.call,
          outcome: event.answered ? `ended:${event.cause}` : event.cause,
          attempt: call.attempt,
        },
      },
    });
    return;
  }
  if (event.type !== 'digit') return;
  const digit = event.digit;
  const keyed = {
    ...base,
    call: { ...base.call, outcome: digit === '' ? 'no key' : `key ${digit}`, ...(digit ? { digit } : {}) },
  };
  const actor = call.target;

  if (call.purpose === 'satisfaction') {
    const verdict = SATISFACTION[digit as keyof typeof SATISFACTION];
    if (!verdict) {
      await deps.service.step(call.caseId, { type: 'call', actor, channel: 'phone-key', details: keyed });
      return;
    }
    await deps.service.step(call.caseId, {
      type: 'satisfaction',
      actor,
      channel: 'phone-key',
      details: { ...keyed, satisfaction: verdict },
    });
    if (verdict === 'not') {
      const c = await db.governanceCase.findUniqueOrThrow({
        where: { id: call.caseId },
        select: { villageId: true },
      });
      const supervisor = await supervisorTarget(db, c);
      const supervisorId = supervisor?.target.startsWith('person:')
        ? supervisor.target.slice('person:'.length)
        : null;
      await tryStep(deps, call.caseId, {
        type: 'transition',
        to: 'reopened',
        actor,
        channel: 'phone-key',
        note: '居民不满意，退回督办',
        set: { assigneeId: supervisorId },
      });
    }
    return;
  }

  const c = await db.governanceCase.findUniqueOrThrow({
    where: { id: call.caseId },
    select: { state: true },
  });
  const move = keyMove(digit, c.state as CaseState);
  if (!move) {
    await deps.service.step(call.caseId, { type: 'call', actor, channel: 'phone-key', details: keyed });
    return;
  }
  const personId = actor.startsWith('person:') ? actor.slice('person:'.length) : null;
  await tryStep(deps, call.caseId, {
    type: move === 'dispatched' ? 'assigned' : 'transition',
    to: move,
    onlyFrom: [c.state as CaseState],
    actor,
    channel: 'phone-key',
    details: { ...keyed, ...(move === 'dispatched' && personId ? { assigneeId: personId } : {}) },
    ...(move === 'dispatched' && personId ? { set: { assigneeId: personId } } : {}),
  });
}

/** What a key on an escalation call does from the case's state, if anything. */
function keyMove(digit: string, state: CaseState): CaseState | null {
  if (digit === '1' && (state === 'received' || state === 'reopened')) return 'accepted';
  if (digit === '1' && state === 'accepted') return 'dispatched';
  if (digit === '2' && state === 'dispatched') return 'on_site';
  return null;
}

/** A key pressed after someone else moved the case is noted on the timeline instead of applied. */
async function tryStep(deps: CaseCallDeps, caseId: string, step: CaseStep): Promise<void> {
  try {
    await deps.service.step(caseId, step);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    await deps.service.step(caseId, {
      type: 'call',
      actor: step.actor,
      channel: 'phone-key',
      note: `key not applied: ${error.message}`,
      details: step.details,
    });
  }
}
