import type { Db } from '../db/client';
import type { Logger } from '../logging';
import type { CallEvent, InboundCall } from '../telephony/call-events';
import type { CallControl } from '../telephony/call-control';
import type { TrunkBudget } from '../telephony/trunk-budget';
import { findVillageByCode, matchCaller } from './caller-match';
import { startIvr, stepIvr } from './domain/ivr-machine';
import type { CaseRequest, IvrCommand, IvrInput, IvrSession } from './domain/ivr-types';
import { dutyPhone } from './duty-phone';
import { dutyWorkerNotify } from './duty-worker-call';
import type { SessionStore } from './session-store';

interface OpenedHotlineCase {
  id: string;
  number: string;
}

export interface HotlineRunnerDeps {
  db: Db;
  calls: CallControl;
  budget: TrunkBudget;
  sessions: SessionStore;
  /** The trunk duty workers are called on, and the caller id they see (the hotline number). */
  trunk: string;
  callerId: string;
  /** Opens (or joins) the case and queues what follows it (transcription). */
  openCase: (callId: string, request: CaseRequest) => Promise<OpenedHotlineCase>;
  /** Called when a session starts: the safety net that finishes it if every process lost sight of the call. */
  watch: (callId: string) => Promise<void>;
  now: () => number;
  logger: Logger;
}

/** How long the duty worker's phone rings before the caller leaves a message instead. */
const WORKER_RING_MS = 25_000;

/**
 * Drives hotline calls: every process hears every call event, feeds it to the call's session in Redis
 * (pure IVR step under the call's lock) and carries out what the step asks. A process that dies
 * mid-call loses nothing: the next event is fed by another, and the watch job finishes a call nobody
 * saw end.
 */
export class HotlineRunner {
  constructor(private readonly deps: HotlineRunnerDeps) {}

  async onInbound(call: InboundCall): Promise<void> {
    if (call.service !== 'hotline') return;
    const caller = await matchCaller(this.deps.db, call.caller);
    const step = startIvr(call.callId, caller, call.recording ?? null);
    if (!(await this.deps.sessions.create(step.session))) return;
    this.deps.logger.info(
      { callId: call.callId, caller: caller.callerNumber, known: caller.householdId !== null },
      'hotline call',
    );
    await this.deps.watch(call.callId);
    await this.carryOut(step.session, step.commands);
  }

  async onCallEvent(event: CallEvent): Promise<void> {
    const input = callerInput(event);
    if (input && (await this.feed(event.callId, input))) return;
    if (event.type !== 'holding' && event.type !== 'ended') return;
    const callerCallId = await this.deps.sessions.callerOfLeg(event.callId);
    if (callerCallId === null) return;
    await this.feed(
      callerCallId,
      event.type === 'holding' ? { kind: 'worker-ready' } : { kind: 'worker-gone' },
    );
  }

  /**
   * The watch job's check, long after the call began: a session still going whose call is no longer up
   * ended while no process saw it, so it is finished now (its case opened with what was recorded).
   * `live`: look again later.
   */
  async checkUnseenEnd(callId: string): Promise<'finished' | 'live' | 'none'> {
    const session = await this.deps.sessions.read(callId);
    if (!session || session.stage.at === 'done') return 'none';
    if (this.deps.calls.isLive(callId)) return 'live';
    this.deps.logger.warn({ callId, stage: session.stage.at }, 'hotline call ended unseen; finishing it');
    await this.feed(callId, { kind: 'caller-ended' });
    return 'finished';
  }

  /** Feeds one input to a call's session and carries out the step; nothing when the call is not a hotline call. */
  async feed(callId: string, input: IvrInput): Promise<boolean> {
    const changed = await this.deps.sessions.update(callId, (session) => {
      const step = stepIvr(session, input);
      return { session: step.session, result: step };
    });
    if (changed) await this.carryOut(changed.session, changed.commands);
    return changed !== null;
  }

  /** Verbs go out in order; lookups and case openings run alongside and feed their results back. */
  private async carryOut(session: IvrSession, commands: readonly IvrCommand[]): Promise<void> {
    for (const command of commands) {
      try {
        await this.carryOutOne(session, command);
      } catch (error) {
        // A verb on a call that has just ended: its `ended` event finishes the session.
        this.deps.logger.warn(
          { callId: session.callId, command: command.kind, err: (error as Error).message },
          'hotline step failed',
        );
      }
    }
  }

  private async carryOutOne(session: IvrSession, command: IvrCommand): Promise<void> {
    const { calls } = this.deps;
    const callId = session.callId;
    switch (command.kind) {
      case 'gather':
        return calls.gather(callId, {
          prompt: command.prompt,
          maxDigits: command.maxDigits,
          timeoutMs: command.timeoutMs,
        });
      case 'record':
        return calls.record(callId, {
          prompt: command.prompt,
          name: command.name,
          maxDurationMs: command.maxDurationMs,
          silenceMs: command.silenceMs,
          beep: true,
        });
      case 'say':
        return calls.say(callId, { prompt: command.prompt });
      case 'hangup':
        return calls.hangup(callId);
      case 'bridge':
        return calls.bridge(callId, command.workerCallId).catch(async (error: Error) => {
          this.deps.logger.warn({ callId, err: error.message }, 'hotline: could not bridge the duty worker');
          await this.feed(callId, { kind: 'worker-gone' });
        });
      case 'hangup-worker':
        if (calls.isLive(command.workerCallId)) await calls.hangup(command.workerCallId);
        return;
      case 'find-village':
        this.background(callId, async () => ({
          kind: 'village-found',
          villageId: await findVillageByCode(this.deps.db, command.code),
        }));
        return;
      case 'open-case':
        this.background(callId, async () => {
          try {
            const opened = await this.deps.openCase(callId, command.request);
            return { kind: 'case-opened', number: opened.number };
          } catch (error) {
            this.deps.logger.error(
              { callId, err: (error as Error).message, recording: command.request.recording },
              'hotline: case could not be opened; the recording is kept',
            );
            return { kind: 'case-failed' };
          }
        });
        return;
      case 'ring-duty-worker':
        this.background(callId, () => this.ringDutyWorker(callId, command.gridId));
        return;
    }
  }

  private async ringDutyWorker(callId: string, gridId: string | null): Promise<IvrInput> {
    const { db, calls, budget, sessions, logger } = this.deps;
    const phone = await dutyPhone(db, gridId, new Date(this.deps.now()));
    if (phone === null) {
      logger.error({ callId, gridId }, 'hotline: urgent call, but nobody on duty has a phone');
      return { kind: 'worker-gone' };
    }
    const workerCallId = `${callId.replace(/[^A-Za-z0-9-]/g, '-')}-duty`;
    await sessions.linkLeg(workerCallId, callId);
    try {
      await budget.take(this.deps.trunk, 'hotline', workerCallId);
      await calls.notify(
        dutyWorkerNotify({
          callId: workerCallId,
          trunk: this.deps.trunk,
          destination: phone,
          callerId: this.deps.callerId,
          ringTimeoutMs: WORKER_RING_MS,
        }),
      );
    } catch (error) {
      await budget.release(workerCallId, error);
      logger.warn({ callId, err: (error as Error).message }, 'hotline: duty worker could not be called');
      return { kind: 'worker-gone' };
    }
    return { kind: 'worker-calling', workerCallId };
  }

  /** Runs I/O whose result is the session's next input, without holding up the verbs. */
  private background(callId: string, work: () => Promise<IvrInput>): void {
    work()
      .then(async (input) => void (await this.feed(callId, input)))
      .catch((error: Error) =>
        this.deps.logger.error({ callId, err: error.message }, 'hotline: step could not be completed'),
      );
  }
}

/** The caller's own call events the IVR waits for. */
function callerInput(event: CallEvent): IvrInput | null {
  switch (event.type) {
    case 'gathered':
      return { kind: 'gathered', digits: event.digits };
    case 'recorded':
      return { kind: 'recorded', recording: event.recording };
    case 'played':
      return { kind: 'played' };
    case 'ended':
      return { kind: 'caller-ended' };
    default:
      return null;
  }
}
