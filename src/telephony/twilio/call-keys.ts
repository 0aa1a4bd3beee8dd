/**
 * The Redis keys the Twilio driver and its webhooks share: a call is placed by one process and its
 * webhooks arrive at any API process, so everything about it lives in Redis.
 */
export class TwilioKeys {
  constructor(private readonly prefix: string) {}

  /** Hash: a call's Twilio sid, trunk, script, answered flag, last key, requested hangup cause. */
  call(callId: string): string {
    return `${this.prefix}:twilio:call:${callId}`;
  }

  /** A Twilio call sid → linli's call id (conference events name calls by sid). */
  sid(sid: string): string {
    return `${this.prefix}:twilio:sid:${sid}`;
  }

  /** Hash of calls up or ringing: call id → trunk, so a process that starts late counts them too. */
  get live(): string {
    return `${this.prefix}:twilio:live`;
  }

  /** What a call that ended left (answered, cause, key), read once by recoverEndedCall. */
  outcome(callId: string): string {
    return `${this.prefix}:twilio:outcome:${callId}`;
  }

  /** The answer given to one webhook request, so Twilio's retry gets the same answer and no second event. */
  handled(requestHash: string): string {
    return `${this.prefix}:twilio:handled:${requestHash}`;
  }

  /** Call starts booked in one slot of the account's calls-per-second budget. */
  cpsSlot(slot: number): string {
    return `${this.prefix}:twilio:cps:${slot}`;
  }

  /** The pub/sub channel call events travel on between processes. */
  get events(): string {
    return `${this.prefix}:twilio:events`;
  }
}

/** How long what linli keeps about a Twilio call stays in Redis: longer than any call. */
export const CALL_TTL_SECONDS = 24 * 3600;
