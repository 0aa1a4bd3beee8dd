import { EventEmitter } from 'node:events';
import type { CallEvent } from '../../../src/telephony/call-events';
import type { PlacedCall, Unsubscribe } from '../../../src/telephony/call-control';
import { OutcomeUnknown } from '../../../src/telephony/errors/outcome-unknown';
import type { NotifyRequest } from '../../../src/telephony/verbs/notify';
import { FakeCallControl } from './fake-call-control';

/**
 * The fake engine, with two ways a real engine's reports go astray that the fake alone cannot
 * script: an event that arrives after the call's end (a key the dialplan reports after the hangup),
 * and a notify whose call is placed but whose answer is lost (the request timed out, the call rings).
 */
export class LateReportingFake extends FakeCallControl {
  private readonly late = new EventEmitter<{ call: [CallEvent] }>();
  private answersToLose = 0;

  /** Every call listener hears this event now, whatever became of the call. */
  reportLate(event: CallEvent): void {
    this.late.emit('call', event);
  }

  /** The next notify places its call, then throws OutcomeUnknown as if its answer had been lost. */
  loseAnswerOfNextNotify(): this {
    this.answersToLose += 1;
    return this;
  }

  override async notify(request: NotifyRequest): Promise<PlacedCall> {
    const placed = await super.notify(request);
    if (this.answersToLose === 0) return placed;
    this.answersToLose -= 1;
    throw new OutcomeUnknown(`notify ${placed.callId}: the answer was lost`);
  }

  override onCallEvent(listener: (event: CallEvent) => void): Unsubscribe {
    const stop = super.onCallEvent(listener);
    this.late.on('call', listener);
    return () => {
      stop();
      this.late.off('call', listener);
    };
  }
}
