import twilio from 'twilio';
import { appendPrompt, type PromptItem } from '../twiml-prompts';

/** tell: plays to a held call, then ends it. */
export function tellTwiml(prompt: readonly PromptItem[]): string {
  const response = new twilio.twiml.VoiceResponse();
  // A breath first, as the other engines do, so the first word is not clipped by the bridge leaving.
  response.pause({ length: 1 });
  appendPrompt(response, prompt);
  response.hangup();
  return response.toString();
}
