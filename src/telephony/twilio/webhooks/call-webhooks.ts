import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import twilio from 'twilio';
import { TWILIO_SERVER } from '../../../config/telephony-config';
import type { Logger } from '../../../logging';
import type { CallEvent, InboundCall, InboundService } from '../../call-events';
import { classifyCallEnd } from '../../q850';
import { endCause, isFinalStatus } from '../call-status';
import type { TwilioCallStore } from '../call-store';
import type { MediaUrls } from '../media-urls';
import type { TwilioAccount } from '../twilio-account';
import type { TwilioEventBus } from '../twilio-event-bus';
import { gatherComplete } from '../verbs/gather';
import { messageLeftStep, notifyAnswerStep, notifyKeyStep } from '../verbs/notify';
import { parkTwiml } from '../verbs/park';
import { isRecordingName, recordingEnd } from '../verbs/record';
import type { StepEvent, WebhookStep } from '../verbs/step-events';
import type { WebhookUrls } from '../webhook-urls';

type Params = Record<string, string>;

/** The prompt an inbound call hears while linli decides (rendered at start-up, like the dialplan's). */
const HOLD_PROMPTS: Record<InboundService, string> = {
  sos: 'prompts/sos-hold',
  hotline: 'prompts/hotline-welcome',
};
/** How often the hold prompt plays before the call is parked (SOS calls are bridged long before). */
const HOLD_PLAYS = 20;

function emptyTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}

export interface CallWebhookDeps {
  account: TwilioAccount;
  store: TwilioCallStore;
  bus: TwilioEventBus;
  urls: WebhookUrls;
  media: MediaUrls;
  /** linli's media folder, where recordings are saved. */
  mediaDir: string;
  logger: Logger;
}

/**
 * What each of Twilio's requests about a call means: the TwiML that answers it, and the call events it
 * raises (published to every process before the answer goes back, so events keep Twilio's order).
 */
export class CallWebhooks {
  constructor(private readonly deps: CallWebhookDeps) {}

  /** A notify's call was answered. */
  async answer(callId: string, params: Params): Promise<string> {
    const call = await this.deps.store.get(callId);
    if (!call?.script) return hangupTwiml();
    if (!call.sid && params.CallSid) await this.deps.store.setSid(callId, params.CallSid);
    const step = notifyAnswerStep(call.script, this.deps.urls, callId, params.AnsweredBy);
    const first = await this.deps.store.markAnswered(callId);
    const machine = step.events.find((e) => e.type === 'machine');
    if (machine) await this.deps.store.set(callId, { machine: machine.verdict });
    return this.answerWith(callId, {
      ...step,
      events: step.events.filter((e) => e.type !== 'answered' || first),
    });
  }

  /** The key read after one play of a notify's message. */
  async key(callId: string, play: number, params: Params): Promise<string> {
    const call = await this.deps.store.get(callId);
    if (!call?.script) return hangupTwiml();
    const digit = (params.Digits ?? '').replace(/[^0-9*#]/g, '').slice(0, 1);
    const step = notifyKeyStep(call.script, this.deps.urls, callId, play, digit);
    if (step.events.some((e) => e.type === 'digit')) await this.deps.store.set(callId, { digit });
    return this.answerWith(callId, step);
  }

  messageLeft(callId: string): Promise<string> {
    return this.answerWith(callId, messageLeftStep());
  }

  played(callId: string): Promise<string> {
    return this.answerWith(callId, {
      events: [{ type: 'played' }],
      twiml: parkTwiml(this.deps.urls, callId),
    });
  }

  gathered(callId: string, maxDigits: number, params: Params): Promise<string> {
    const digits = (params.Digits ?? '').replace(/[^0-9*#]/g, '');
    const complete = gatherComplete(digits, params.FinishedOnKey ?? '', maxDigits);
    return this.answerWith(callId, {
      events: [{ type: 'gathered', digits, complete }],
      twiml: parkTwiml(this.deps.urls, callId),
    });
  }

  async recorded(callId: string, name: string, maxSeconds: number, params: Params): Promise<string> {
    // The name came back in the action URL linli wrote (and Twilio signed); still, never a path out.
    if (!isRecordingName(name)) return parkTwiml(this.deps.urls, callId);
    const endedBy = recordingEnd(params.Digits ?? '', Number(params.RecordingDuration ?? 0), maxSeconds);
    const saved = await this.saveRecording(name, params.RecordingUrl ?? '');
    return this.answerWith(callId, {
      events: [{ type: 'recorded', recording: name, endedBy: saved ? endedBy : 'error' }],
      twiml: parkTwiml(this.deps.urls, callId),
    });
  }

  park(callId: string, minute: number): string {
    return parkTwiml(this.deps.urls, callId, minute);
  }

  /** A call's progress: it rings, or it ended (answered or not, and why). */
  async status(callId: string, params: Params): Promise<string> {
    const call = await this.deps.store.get(callId);
    const status = params.CallStatus ?? '';
    if (!call) return emptyTwiml();
    if (!call.sid && params.CallSid) await this.deps.store.setSid(callId, params.CallSid);
    if (status === 'ringing')
      return this.answerWith(callId, { events: [{ type: 'ringing' }], twiml: emptyTwiml() });
    if (!isFinalStatus(status)) return emptyTwiml();
    const sip = params.SipResponseCode ? Number(params.SipResponseCode) : undefined;
    const q850 = endCause(status, sip, call.cause);
    // Twilio's `completed` is an answered call's end, even one hung up before its TwiML was asked for.
    const answered = call.answered || status === 'completed';
    await this.deps.store.ended(callId, { answered, q850, digit: call.digit, machine: call.machine });
    return this.answerWith(callId, {
      events: [{ type: 'ended', cause: classifyCallEnd(answered, q850), q850, answered }],
      twiml: emptyTwiml(),
    });
  }

  /** The end of an inbound call, reported to the number's status callback by its sid. */
  async inboundStatus(params: Params): Promise<string> {
    const callId = params.CallSid ? await this.deps.store.callIdOfSid(params.CallSid) : null;
    return callId ? this.status(callId, params) : emptyTwiml();
  }

  /** Someone joined a bridge's conference. */
  async bridgeEvent(bridgeId: string, params: Params): Promise<string> {
    if (params.StatusCallbackEvent !== 'participant-join' || !params.CallSid) return emptyTwiml();
    const callId = await this.deps.store.callIdOfSid(params.CallSid);
    if (!callId) return emptyTwiml();
    return this.answerWith(callId, { events: [{ type: 'bridged', bridgeId }], twiml: emptyTwiml() });
  }

  /** A resident calls one of the account's numbers: the call is linli's, held with a prompt until a verb. */
  async inbound(trunk: string, service: InboundService, params: Params, callId: string): Promise<string> {
    await this.deps.store.create(callId, trunk, null);
    if (params.CallSid) await this.deps.store.setSid(callId, params.CallSid);
    await this.deps.store.markAnswered(callId);
    const call: InboundCall = {
      callId,
      server: TWILIO_SERVER,
      service,
      caller: params.From ?? '',
      called: params.To ?? '',
      at: new Date(),
    };
    await this.deps.bus.publish({ kind: 'inbound', call, trunk });
    const response = new twilio.twiml.VoiceResponse();
    response.play({ loop: HOLD_PLAYS }, this.deps.media.url(HOLD_PROMPTS[service]));
    response.redirect({ method: 'POST' }, this.deps.urls.park(callId, 0));
    return response.toString();
  }

  private async answerWith(callId: string, step: WebhookStep): Promise<string> {
    for (const event of step.events) {
      await this.deps.bus.publish({ kind: 'event', event: stamped(callId, event) });
    }
    return step.twiml;
  }

  /** Copies a recording from Twilio into linli's media folder; false when it cannot be had. */
  private async saveRecording(name: string, recordingUrl: string): Promise<boolean> {
    // Only from the account's API, with its credentials: never fetch a URL a request merely names.
    if (!recordingUrl.startsWith(`${this.deps.account.apiUrl}/`)) return false;
    const { accountSid, authToken } = this.deps.account;
    try {
      const response = await fetch(`${recordingUrl}.wav`, {
        headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const file = path.join(this.deps.mediaDir, `${name}.wav`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      return true;
    } catch (err) {
      this.deps.logger.warn({ name, err: (err as Error).message }, 'could not fetch a recording from Twilio');
      return false;
    }
  }
}

function stamped(callId: string, event: StepEvent): CallEvent {
  return { ...event, callId, server: TWILIO_SERVER, at: new Date() } as CallEvent;
}

function hangupTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}
