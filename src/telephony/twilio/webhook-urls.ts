import type { InboundService } from '../call-events';
import { WEBHOOK_PREFIX } from './twilio-account';

/**
 * The URLs Twilio calls linli back at, absolute under TWILIO_PUBLIC_URL (Twilio signs the absolute
 * URL). Each carries linli's call id, so any API process can handle it from Redis alone.
 */
export class WebhookUrls {
  constructor(private readonly publicUrl: string) {}

  private call(callId: string, what: string, query: Record<string, string | number> = {}): string {
    const params = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return `${this.publicUrl}${WEBHOOK_PREFIX}/calls/${encodeURIComponent(callId)}/${what}${params ? `?${params}` : ''}`;
  }

  /** Requested when a notify's call is answered: the first play. */
  answer(callId: string): string {
    return this.call(callId, 'answer');
  }

  /** The call's progress (initiated, ringing, answered, completed…). */
  status(callId: string): string {
    return this.call(callId, 'status');
  }

  /** The key (or none) read after play `play` of a notify's message. */
  key(callId: string, play: number): string {
    return this.call(callId, 'key', { play });
  }

  messageLeft(callId: string): string {
    return this.call(callId, 'message-left');
  }

  played(callId: string, step: string): string {
    return this.call(callId, 'played', { step });
  }

  gathered(callId: string, step: string, maxDigits: number): string {
    return this.call(callId, 'gathered', { step, max: maxDigits });
  }

  recorded(callId: string, step: string, name: string, maxSeconds: number): string {
    return this.call(callId, 'recorded', { step, name, max: maxSeconds });
  }

  /** Where a live call waits for linli's next verb, minute after minute. */
  park(callId: string, minute: number): string {
    return this.call(callId, 'park', { minute });
  }

  /** A conference's participant events: who joined the bridge. */
  bridge(bridgeId: string): string {
    return `${this.publicUrl}${WEBHOOK_PREFIX}/bridges/${encodeURIComponent(bridgeId)}/events`;
  }

  /** A Twilio number's voice URL: calls to it reach this service, counted on this trunk. */
  inbound(trunk: string, service: InboundService): string {
    return `${this.publicUrl}${WEBHOOK_PREFIX}/inbound/${encodeURIComponent(trunk)}/${service}`;
  }

  /** A Twilio number's status callback URL: the end of inbound calls (found by their sid). */
  inboundStatus(): string {
    return `${this.publicUrl}${WEBHOOK_PREFIX}/inbound-status`;
  }
}
