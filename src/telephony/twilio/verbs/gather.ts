import twilio from 'twilio';
import { InvalidCallRequest } from '../../errors/invalid-call-request';
import type { GatherRequest } from '../../verbs/gather';
import { appendPrompt, type PromptItem } from '../twiml-prompts';
import type { WebhookUrls } from '../webhook-urls';
import { seconds } from './step-events';

/** The most digits a <Gather> collects. */
const MAX_DIGITS = 255;

export function checkGather(request: GatherRequest): void {
  if (!Number.isInteger(request.maxDigits) || request.maxDigits < 1 || request.maxDigits > MAX_DIGITS) {
    throw new InvalidCallRequest(`gather: maxDigits must be 1 to ${MAX_DIGITS}`);
  }
}

/** gather: one menu level; # ends input early; the result (even none) goes to the gathered webhook. */
export function gatherTwiml(
  request: GatherRequest,
  prompt: readonly PromptItem[],
  urls: WebhookUrls,
  callId: string,
  step: string,
): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: request.maxDigits,
    timeout: seconds(request.timeoutMs),
    finishOnKey: '#',
    action: urls.gathered(callId, step, request.maxDigits),
    method: 'POST',
    actionOnEmptyResult: true,
  });
  appendPrompt(gather, prompt);
  return response.toString();
}

/** Complete: ended by the finish key or the digit count, not by the timeout. */
export function gatherComplete(digits: string, finishedOnKey: string, maxDigits: number): boolean {
  return finishedOnKey === '#' || digits.length >= maxDigits;
}
