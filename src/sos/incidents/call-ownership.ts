/**
 * elder: the elder's SOS call. contact: a call placed to a contact by the escalation.
 * message: a one-way call telling a responder the location (fallback when a held call cannot be redirected).
 */
type OwnedCallRole = 'elder' | 'contact' | 'message';

export interface OwnedCall {
  incidentId: string;
  role: OwnedCallRole;
}

/**
 * The SOS calls this process looks after. Every linli process sees every AMI event; the process
 * that placed a call (or claimed the inbound call) feeds its events to the escalation, so each
 * call's events reach the state machine once and in order. When that process dies, the incident
 * watchdog (a queued job any worker runs) notices the calls it left behind.
 */
export class CallOwnership {
  private readonly calls = new Map<string, OwnedCall>();

  own(callId: string, call: OwnedCall): void {
    this.calls.set(callId, call);
  }

  get(callId: string): OwnedCall | undefined {
    return this.calls.get(callId);
  }

  release(callId: string): void {
    this.calls.delete(callId);
  }
}
