import twilio from 'twilio';
import type { WebhookUrls } from '../webhook-urls';

/**
 * bridge: both calls join one conference named after the bridge; either leaving ends it, and the one
 * left behind hangs up, as a two-party bridge ends with either party. Twilio reports each join to the
 * bridge's webhook, which says `bridged`.
 */
export function bridgeTwiml(bridgeId: string, urls: WebhookUrls): string {
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial();
  dial.conference(
    {
      startConferenceOnEnter: true,
      endConferenceOnExit: true,
      beep: 'false',
      waitUrl: '',
      statusCallback: urls.bridge(bridgeId),
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ['join'],
    },
    bridgeId,
  );
  response.hangup();
  return response.toString();
}
