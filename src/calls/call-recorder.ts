import type { Db } from '../db/client';
import type { Logger } from '../logging';
import type { CallControl, CallEvent } from '../telephony/call-control';
import { classifyCallEnd } from '../telephony/q850';

export interface CallEnded {
  callId: string;
  outcome: string;
  digits: string;
  cause: number;
}

/**
 * Writes the events of the calls this process placed into their Call rows, in order. The digit
 * a person chose is what the dialplan's Read() reported (LinliDigit), not every DTMF tone heard.
 */
export class CallRecorder {
  private readonly owned = new Map<
    string,
    { digits: string; chain: Promise<void>; onEnd?: (e: CallEnded) => void }
  >();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    calls: CallControl,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = calls.onCallEvent((e) => this.onEvent(e));
  }

  /** Starts recording a call; call before originating so no early event is missed. */
  own(callId: string, onEnd?: (e: CallEnded) => void): void {
    this.owned.set(callId, { digits: '', chain: Promise.resolve(), onEnd });
  }

  disown(callId: string): void {
    this.owned.delete(callId);
  }

  private onEvent(event: CallEvent): void {
    const entry = this.owned.get(event.callId);
    if (!entry) return;
    entry.chain = entry.chain
      .then(() => this.write(event, entry))
      .catch((err: Error) =>
        this.logger.error({ callId: event.callId, err: err.message }, 'could not record call event'),
      );
  }

  private async write(
    event: CallEvent,
    entry: { digits: string; onEnd?: (e: CallEnded) => void },
  ): Promise<void> {
    const { callId } = event;
    const logged = JSON.stringify([{ type: event.type, at: event.at.toISOString(), ...this.detail(event) }]);
    await this.db
      .$executeRaw`UPDATE "Call" SET "events" = "events" || ${logged}::jsonb WHERE "id" = ${callId}`;
    switch (event.type) {
      case 'answered':
        await this.db.call.update({ where: { id: callId }, data: { answeredAt: event.at } });
        return;
      case 'user':
        if (event.name === 'LinliDigit' && event.fields.digit) {
          entry.digits += event.fields.digit;
          await this.db.call.update({ where: { id: callId }, data: { digits: entry.digits } });
        }
        return;
      case 'hangup': {
        const outcome = classifyCallEnd(event.answered, event.cause, event.unknown);
        await this.db.call.update({
          where: { id: callId },
          data: { endedAt: event.at, hangupCause: event.cause, outcome },
        });
        this.owned.delete(callId);
        entry.onEnd?.({ callId, outcome, digits: entry.digits, cause: event.cause });
        return;
      }
      default:
        return;
    }
  }

  private detail(event: CallEvent): Record<string, unknown> {
    switch (event.type) {
      case 'dtmf':
        return { digit: event.digit };
      case 'user':
        return { name: event.name, fields: event.fields };
      case 'bridged':
        return { bridgeId: event.bridgeId };
      case 'hangup':
        return { cause: event.cause, answered: event.answered, unknown: event.unknown };
      default:
        return {};
    }
  }

  close(): void {
    this.unsubscribe();
  }
}
