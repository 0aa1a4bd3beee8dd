import twilio from 'twilio';
import { appendPrompt, type PromptItem } from '../twiml-prompts';
import type { WebhookUrls } from '../webhook-urls';

/** say: plays, then reports it (the redirect) and waits parked for the next verb. */
export function sayTwiml(
  prompt: readonly PromptItem[],
  urls: WebhookUrls,
  callId: string,
  step: string,
): string {
  const response = new twilio.twiml.VoiceResponse();
  appendPrompt(response, prompt);
  response.redirect({ method: 'POST' }, urls.played(callId, step));
  return response.toString();
}
