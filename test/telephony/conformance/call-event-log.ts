import type { CallEvent, CallEventOf, CallEventType } from '../../../src/telephony/call-events';
import type { CallControl, Unsubscribe } from '../../../src/telephony/call-control';

/** Every event a port reports, by call, with a wait for the next one of a kind. */
export class CallEventLog {
  private readonly byCall = new Map<string, CallEvent[]>();
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: Unsubscribe;

  constructor(port: CallControl) {
    this.unsubscribe = port.onCallEvent((event) => {
      const list = this.byCall.get(event.callId) ?? [];
      list.push(event);
      this.byCall.set(event.callId, list);
      for (const wake of this.waiters) wake();
    });
  }

  of(callId: string): CallEvent[] {
    return this.byCall.get(callId) ?? [];
  }

  types(callId: string): CallEventType[] {
    return this.of(callId).map((e) => e.type);
  }

  /** Resolves with the call's first event of this type, or fails after the timeout naming what came. */
  waitFor<T extends CallEventType>(callId: string, type: T, timeoutMs: number): Promise<CallEventOf<T>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.of(callId).find((e): e is CallEventOf<T> => e.type === type);
        if (!found) return false;
        done();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(`no ${type} on ${callId} within ${timeoutMs} ms; saw: ${this.types(callId).join(', ')}`),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = () => void check();
      if (!check()) this.waiters.add(wake);
    });
  }

  close(): void {
    this.unsubscribe();
    this.waiters.clear();
  }
}
