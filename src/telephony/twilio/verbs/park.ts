import twilio from 'twilio';
import type { WebhookUrls } from '../webhook-urls';

/** Ten minutes without a verb end a parked call, as on every engine. */
const PARK_MINUTES = 10;

/** A live call between verbs: it waits a minute at a time (a later verb replaces this) until ten have passed. */
export function parkTwiml(urls: WebhookUrls, callId: string, minute = 0): string {
  const response = new twilio.twiml.VoiceResponse();
  if (minute >= PARK_MINUTES) {
    response.hangup();
  } else {
    response.pause({ length: 60 });
    response.redirect({ method: 'POST' }, urls.park(callId, minute + 1));
  }
  return response.toString();
}
