import twilio from 'twilio';
import type { CallEvent } from '../../call-events';
import { InvalidCallRequest } from '../../errors/invalid-call-request';
import type { RecordRequest } from '../../verbs/record';
import { appendPrompt, type PromptItem } from '../twiml-prompts';
import type { WebhookUrls } from '../webhook-urls';
import { seconds } from './step-events';

/** A name inside linli's media folder: no way out of it. */
const RECORDING_NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/i;

export function isRecordingName(name: string): boolean {
  return RECORDING_NAME.test(name);
}

export function checkRecord(request: RecordRequest): void {
  if (!isRecordingName(request.name)) {
    throw new InvalidCallRequest(`record: "${request.name}" is not a recording name (a-z, 0-9, - and /)`);
  }
}

/** record: an optional prompt, then <Record> until #, silence, the limit or hang-up. */
export function recordTwiml(
  request: RecordRequest,
  prompt: readonly PromptItem[],
  urls: WebhookUrls,
  callId: string,
  step: string,
): string {
  const maxLength = seconds(request.maxDurationMs);
  const response = new twilio.twiml.VoiceResponse();
  appendPrompt(response, prompt);
  response.record({
    action: urls.recorded(callId, step, request.name, maxLength),
    method: 'POST',
    maxLength,
    // Twilio always stops on silence; "never" is silence as long as the recording may be.
    timeout: request.silenceMs > 0 ? seconds(request.silenceMs) : maxLength,
    finishOnKey: '#',
    playBeep: request.beep,
    trim: 'do-not-trim',
  });
  return response.toString();
}

/** What ended a recording, from what Twilio's action request says. */
export function recordingEnd(
  digits: string,
  durationS: number,
  maxSeconds: number,
): Extract<CallEvent, { type: 'recorded' }>['endedBy'] {
  if (digits === 'hangup') return 'hangup';
  if (digits !== '') return 'key';
  return durationS >= maxSeconds ? 'time-limit' : 'silence';
}
