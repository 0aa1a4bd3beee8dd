import type { Db } from '../db/client';
import type { Logger } from '../logging';
import type { CallEvent } from '../telephony/call-events';
import type { CallControl } from '../telephony/call-control';
import { callEventsJson, storedCallEvent } from './call-events-json';

/**
 * Writes the events of the calls this process placed into their Call rows, in order. The digit
 * a person chose is the menu's answer (the `digit` event), not every key tone heard.
 */
export class CallRecorder {
  private readonly owned = new Map<string, { digits: string; chain: Promise<void> }>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    calls: CallControl,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = calls.onCallEvent((e) => this.onEvent(e));
  }

  /** Starts recording a call; call before originating so no early event is missed. */
  own(callId: string): void {
    this.owned.set(callId, { digits: '', chain: Promise.resolve() });
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

  private async write(event: CallEvent, entry: { digits: string }): Promise<void> {
    const { callId } = event;
    const logged = JSON.stringify(callEventsJson.write([storedCallEvent(event)]));
    await this.db
      .$executeRaw`UPDATE "Call" SET "events" = "events" || ${logged}::jsonb WHERE "id" = ${callId}`;
    switch (event.type) {
      case 'answered':
        await this.db.call.update({ where: { id: callId }, data: { answeredAt: event.at } });
        return;
      case 'digit':
        if (event.digit) {
          entry.digits += event.digit;
          await this.db.call.update({ where: { id: callId }, data: { digits: entry.digits } });
        }
        return;
      case 'ended': {
        await this.db.call.update({
          where: { id: callId },
          data: { endedAt: event.at, hangupCause: event.q850, outcome: event.cause },
        });
        this.owned.delete(callId);
        return;
      }
      default:
        return;
    }
  }

  close(): void {
    this.unsubscribe();
  }
}
