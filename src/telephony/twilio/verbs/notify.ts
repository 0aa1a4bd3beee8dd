import twilio from 'twilio';
import type { MachineVerdict } from '../../call-events';
import type { MachineDetection, NotifyRequest } from '../../verbs/notify';
import { appendPrompt, type PromptItem, type TwimlPrompts } from '../twiml-prompts';
import type { WebhookUrls } from '../webhook-urls';
import { seconds, type StepEvent, type WebhookStep } from './step-events';

/** How long a held call waits when the request does not say. */
const DEFAULT_HOLD_MS = 60_000;

/** A notify as its webhooks play it, kept in Redis: whichever process hears Twilio reads it there. */
export interface NotifyScript {
  prompt: PromptItem[];
  acknowledgement: PromptItem[];
  /** Keys that count as an answer, and those of them that hold the call. */
  answerDigits: string;
  holdDigits: string;
  repeatDigit: string;
  maxPlays: number;
  digitTimeoutS: number;
  holdS: number;
  machineDetection: MachineDetection;
}

export async function notifyScript(request: NotifyRequest, prompts: TwimlPrompts): Promise<NotifyScript> {
  const [prompt, acknowledgement] = await Promise.all([
    prompts.items(request.prompt),
    prompts.items(request.acknowledgement ?? []),
  ]);
  return {
    prompt,
    acknowledgement,
    answerDigits: request.choices.map((c) => c.digit).join(''),
    holdDigits: request.choices
      .filter((c) => c.hold)
      .map((c) => c.digit)
      .join(''),
    repeatDigit: request.repeatDigit ?? '',
    maxPlays: request.maxPlays,
    digitTimeoutS: seconds(request.digitTimeoutMs),
    holdS: seconds(request.holdMaxMs ?? DEFAULT_HOLD_MS),
    machineDetection: request.machineDetection,
  };
}

/** Twilio's machine detection for a notify: synchronous, so the answer webhook knows who answered. */
export function machineDetectionParam(mode: MachineDetection): 'Enable' | 'DetectMessageEnd' | undefined {
  if (mode === 'off') return undefined;
  // Leaving a message waits for the beep; hanging up needs only the verdict.
  return mode === 'leave-message' ? 'DetectMessageEnd' : 'Enable';
}

/** Twilio's AnsweredBy as the port's verdict. */
function machineVerdict(answeredBy: string): MachineVerdict {
  if (answeredBy === 'human') return 'human';
  if (answeredBy.startsWith('machine') || answeredBy === 'fax') return 'machine';
  return 'unsure';
}

/** One play of the message, reading one key (any key: the key webhook decides what it means). */
export function notifyPlayTwiml(
  script: NotifyScript,
  urls: WebhookUrls,
  callId: string,
  play: number,
): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({
    input: ['dtmf'],
    numDigits: 1,
    timeout: script.digitTimeoutS,
    // Every key is a possible answer, # and * included.
    finishOnKey: '',
    action: urls.key(callId, play),
    method: 'POST',
    actionOnEmptyResult: true,
  });
  appendPrompt(gather, script.prompt);
  return response.toString();
}

/** The call was answered: after machine detection (when asked), the first play. */
export function notifyAnswerStep(
  script: NotifyScript,
  urls: WebhookUrls,
  callId: string,
  answeredBy: string | undefined,
): WebhookStep {
  const events: StepEvent[] = [{ type: 'answered' }];
  if (script.machineDetection === 'off' || answeredBy === undefined) {
    return { events, twiml: notifyPlayTwiml(script, urls, callId, 1) };
  }
  const verdict = machineVerdict(answeredBy);
  events.push({ type: 'machine', verdict, detail: answeredBy });
  if (verdict !== 'machine') return { events, twiml: notifyPlayTwiml(script, urls, callId, 1) };
  const response = new twilio.twiml.VoiceResponse();
  if (script.machineDetection === 'leave-message') {
    // Twilio asked for this page after the greeting's beep (DetectMessageEnd): the message goes on tape.
    appendPrompt(response, script.prompt);
    response.redirect({ method: 'POST' }, urls.messageLeft(callId));
  } else {
    response.hangup();
  }
  return { events, twiml: response.toString() };
}

/**
 * The key read after play `play` (empty: none in time), as the menu rules say: the repeat key plays the
 * message again and is never an answer; no key gets one more play; an answer key holds the call or
 * plays the acknowledgement and ends it; any other key plays again while plays are left.
 */
export function notifyKeyStep(
  script: NotifyScript,
  urls: WebhookUrls,
  callId: string,
  play: number,
  digit: string,
): WebhookStep {
  const playAgain = (events: StepEvent[]): WebhookStep => ({
    events,
    twiml: notifyPlayTwiml(script, urls, callId, play + 1),
  });
  const end = (events: StepEvent[], before: PromptItem[] = []): WebhookStep => {
    const response = new twilio.twiml.VoiceResponse();
    appendPrompt(response, before);
    response.hangup();
    return { events, twiml: response.toString() };
  };
  if (digit !== '' && digit === script.repeatDigit) {
    const events: StepEvent[] = [{ type: 'repeat', play }];
    return play < script.maxPlays ? playAgain(events) : end(events);
  }
  const events: StepEvent[] = [{ type: 'digit', digit, play, recovered: false }];
  if (digit === '') return play < 2 ? playAgain(events) : end(events);
  if (!script.answerDigits.includes(digit)) return play < script.maxPlays ? playAgain(events) : end(events);
  if (!script.holdDigits.includes(digit)) return end(events, script.acknowledgement);
  events.push({ type: 'holding', digit });
  const response = new twilio.twiml.VoiceResponse();
  response.pause({ length: script.holdS });
  response.hangup();
  return { events, twiml: response.toString() };
}

/** Hangs up after a message left on an answering machine. */
export function messageLeftStep(): WebhookStep {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return { events: [{ type: 'messageLeft' }], twiml: response.toString() };
}
