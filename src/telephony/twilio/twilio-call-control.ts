import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { TWILIO_SERVER, type TrunkConfig } from '../../config/telephony-config';
import type { Logger } from '../../logging';
import type { CallEvent, EndedCallRecord, InboundCall } from '../call-events';
import type { CallControl, PlacedCall, Unsubscribe } from '../call-control';
import { CallNotFound } from '../errors/call-not-found';
import { EngineUnavailable } from '../errors/engine-unavailable';
import { InvalidCallRequest } from '../errors/invalid-call-request';
import { NotDialled } from '../errors/not-dialled';
import { OutcomeUnknown } from '../errors/outcome-unknown';
import type { PromptMedia } from '../prompt';
import { classifyCallEnd } from '../q850';
import type { GatherRequest } from '../verbs/gather';
import type { NotifyRequest } from '../verbs/notify';
import type { PageRequest } from '../verbs/page';
import type { RecordRequest } from '../verbs/record';
import type { SayRequest } from '../verbs/say';
import type { TellRequest } from '../verbs/tell';
import { AccountPacer } from './account-pacer';
import { TwilioKeys } from './call-keys';
import { TwilioCallStore } from './call-store';
import { TwilioCallTracker } from './call-tracker';
import { MediaUrls } from './media-urls';
import { createRestClient, type TwilioRest } from './rest-client';
import { liveCallRestError, restError } from './rest-errors';
import type { TwilioAccount } from './twilio-account';
import { TwilioEventBus, type BusMessage } from './twilio-event-bus';
import { TwimlPrompts } from './twiml-prompts';
import { bridgeTwiml } from './verbs/bridge';
import { checkGather, gatherTwiml } from './verbs/gather';
import { hangupUpdate, requestedCause } from './verbs/hangup';
import { machineDetectionParam, notifyScript } from './verbs/notify';
import { refusePage } from './verbs/page';
import { checkRecord, recordTwiml } from './verbs/record';
import { sayTwiml } from './verbs/say';
import { seconds } from './verbs/step-events';
import { tellTwiml } from './verbs/tell';
import { WebhookUrls } from './webhook-urls';

/** Numbers reach Twilio in E.164: only digits after an optional +. */
const DIALABLE = /^\+?[0-9]{3,20}$/;

export interface TwilioDriverOptions {
  account: TwilioAccount;
  /** Commands; the event bus opens its own subscriber connection from it. */
  redis: Redis;
  logger: Logger;
  /** Makes prompts ready (renders text, finds uploads) in linli's media folder. */
  media: PromptMedia;
  /**
   * After a call's ring time, how long a call whose placement answer was lost may stay unheard of
   * before it counts as never placed (ended, unknown). 30 s by default.
   */
  unheardCallGraceMs?: number;
  /** How often the live calls are checked against Redis, for messages missed while Redis was away. */
  resyncEveryMs?: number;
}

/**
 * The telephony port on Twilio Programmable Voice: calls are placed through the REST API, their
 * TwiML is served by linli's webhooks (src/telephony/twilio/webhooks), and what the webhooks hear
 * reaches every process through Redis. A live-call verb replaces the call's TwiML.
 */
export class TwilioCallControl implements CallControl {
  private readonly trunks = new Map<string, TrunkConfig>();
  private readonly emitter = new EventEmitter<{ call: [CallEvent]; inbound: [InboundCall] }>();
  private readonly store: TwilioCallStore;
  private readonly bus: TwilioEventBus;
  private readonly tracker = new TwilioCallTracker();
  private readonly pacer: AccountPacer;
  private readonly rest: TwilioRest;
  private readonly urls: WebhookUrls;
  private readonly prompts: TwimlPrompts;
  private readonly account: TwilioAccount;
  /** The last REST request failed for want of Twilio (network, credentials): /readyz says so. */
  private unreachable = false;
  private readonly logger: Logger;
  private readonly unheardCallGraceMs: number;
  private readonly resyncEveryMs: number;
  private readonly checks = new Set<NodeJS.Timeout>();

  constructor(options: TwilioDriverOptions) {
    this.account = options.account;
    this.logger = options.logger;
    this.unheardCallGraceMs = options.unheardCallGraceMs ?? 30_000;
    this.resyncEveryMs = options.resyncEveryMs ?? 15_000;
    for (const trunk of options.account.trunks) this.trunks.set(trunk.name, trunk);
    const keys = new TwilioKeys(options.account.keyPrefix);
    this.store = new TwilioCallStore(options.redis, keys);
    this.bus = new TwilioEventBus(options.redis, keys, options.logger);
    this.pacer = new AccountPacer(options.redis, keys, options.account.cps);
    this.rest = createRestClient(options.account);
    this.urls = new WebhookUrls(options.account.publicUrl);
    const { speech, sayLanguage, sayVoice } = options.account;
    this.prompts = new TwimlPrompts(
      options.media,
      new MediaUrls(options.account.publicUrl, options.account.authToken),
      speech,
      sayLanguage,
      sayVoice,
    );
    this.emitter.setMaxListeners(0);
    this.bus.on('message', (message) => {
      if (!this.tracker.isNews(message)) return;
      this.tracker.apply(message);
      if (message.kind === 'event') this.emitter.emit('call', message.event);
      if (message.kind === 'inbound') this.emitter.emit('inbound', message.call);
    });
  }

  /** Hears the other processes' webhooks, and counts the calls already up when this process starts. */
  async start(): Promise<void> {
    await this.bus.subscribe();
    this.tracker.seed(await this.store.liveCalls());
    const timer = setInterval(() => {
      void this.resync().catch((err: Error) =>
        this.logger.warn({ err: err.message }, 'Twilio live calls not checked against Redis'),
      );
    }, this.resyncEveryMs);
    timer.unref();
    this.checks.add(timer);
  }

  /**
   * Pub/sub loses what is published while a subscriber is reconnecting: calls Redis no longer lists
   * as live ended unheard, and end here with what they left (or as unknown).
   */
  private async resync(): Promise<void> {
    const listedAt = Date.now();
    for (const callId of this.tracker.resync(await this.store.liveCalls(), listedAt)) {
      const kept = await this.store.peekOutcome(callId);
      const q850 = kept?.q850 ?? 0;
      const answered = kept?.answered ?? false;
      this.emitter.emit('call', {
        type: 'ended',
        callId,
        server: TWILIO_SERVER,
        at: new Date(),
        cause: kept ? classifyCallEnd(answered, q850) : 'unknown',
        q850,
        answered,
      });
    }
  }

  async notify(request: NotifyRequest): Promise<PlacedCall> {
    const trunk = this.trunks.get(request.trunk);
    if (!trunk) throw new InvalidCallRequest(`unknown trunk "${request.trunk}"`);
    if (!DIALABLE.test(request.destination)) {
      throw new InvalidCallRequest(`not a dialable number: ${request.destination}`);
    }
    const script = await notifyScript(request, this.prompts);
    const callId = request.callId ?? randomUUID();
    await this.pacer.wait(trunk.name).catch(notSentForRedis);
    await this.store.create(callId, trunk.name, script).catch(notSentForRedis);
    await this.announce({ kind: 'placed', callId, trunk: trunk.name }).catch(notSentForRedis);
    const machineDetection = machineDetectionParam(request.machineDetection);
    try {
      const call = await this.rest.calls.create({
        to: `+${request.destination.replace(/^\+/, '')}`,
        from: this.account.fromNumber,
        url: this.urls.answer(callId),
        method: 'POST',
        statusCallback: this.urls.status(callId),
        statusCallbackMethod: 'POST',
        // The answer itself comes with the TwiML request; only ringing and the end are news.
        statusCallbackEvent: ['ringing', 'completed'],
        timeout: seconds(request.ringTimeoutMs),
        ...(machineDetection ? { machineDetection } : {}),
      });
      this.unreachable = false;
      await this.store.setSid(callId, call.sid);
    } catch (err) {
      const error = restError(err, trunk.name);
      this.unreachable = error instanceof EngineUnavailable;
      if (error instanceof NotDialled || error instanceof InvalidCallRequest) {
        // Told before Redis forgets it, so no process's resync takes it for a call that ended unheard.
        await this.announce({ kind: 'unplaced', callId }).catch(() => undefined);
        await this.store.forget(callId).catch(() => undefined);
      }
      if (error instanceof OutcomeUnknown) this.endIfNeverHeard(callId, request.ringTimeoutMs);
      throw error;
    }
    return { callId, server: TWILIO_SERVER };
  }

  async page(request: PageRequest): Promise<PlacedCall> {
    return refusePage(request);
  }

  async say(callId: string, request: SayRequest): Promise<void> {
    const prompt = await this.prompts.items(request.prompt);
    await this.replaceTwiml(callId, sayTwiml(prompt, this.urls, callId, step()));
  }

  async tell(callId: string, request: TellRequest): Promise<void> {
    const prompt = await this.prompts.items(request.prompt);
    await this.replaceTwiml(callId, tellTwiml(prompt));
    // Twilio took the TwiML: the call is being told now, and ends when it has heard it.
    await this.bus.publish({
      kind: 'event',
      event: { type: 'told', callId, server: TWILIO_SERVER, at: new Date() },
    });
  }

  async gather(callId: string, request: GatherRequest): Promise<void> {
    checkGather(request);
    const prompt = await this.prompts.items(request.prompt);
    await this.replaceTwiml(callId, gatherTwiml(request, prompt, this.urls, callId, step()));
  }

  async record(callId: string, request: RecordRequest): Promise<void> {
    checkRecord(request);
    const prompt = await this.prompts.items(request.prompt ?? []);
    await this.replaceTwiml(callId, recordTwiml(request, prompt, this.urls, callId, step()));
  }

  async bridge(callIdA: string, callIdB: string): Promise<void> {
    for (const callId of [callIdA, callIdB]) if (!this.tracker.isLive(callId)) throw new CallNotFound(callId);
    const twiml = bridgeTwiml(`bridge-${randomUUID()}`, this.urls);
    await Promise.all([this.replaceTwiml(callIdA, twiml), this.replaceTwiml(callIdB, twiml)]);
  }

  async hangup(callId: string, q850?: number): Promise<void> {
    const call = await this.liveCall(callId);
    await this.store.set(callId, { cause: String(requestedCause(q850)) });
    try {
      await this.rest.calls(call.sid).update(hangupUpdate(call.answered));
    } catch (err) {
      const error = liveCallRestError(err, callId, call.trunk);
      // Twilio has it ended already (its end is on the way to linli): what was asked for is done.
      if (!(error instanceof CallNotFound)) throw error;
    }
  }

  isLive(callId: string): boolean {
    return this.tracker.isLive(callId);
  }

  recoverEndedCall(callId: string): Promise<EndedCallRecord | null> {
    return this.store.takeOutcome(callId);
  }

  channelsInUse(trunk: string): number {
    return this.tracker.channelsInUse(trunk);
  }

  onCallEvent(listener: (event: CallEvent) => void): Unsubscribe {
    this.emitter.on('call', listener);
    return () => this.emitter.off('call', listener);
  }

  onInboundCall(listener: (call: InboundCall) => void): Unsubscribe {
    this.emitter.on('inbound', listener);
    return () => this.emitter.off('inbound', listener);
  }

  status(): { server: string; connected: boolean }[] {
    return [{ server: TWILIO_SERVER, connected: this.bus.subscribed && !this.unreachable }];
  }

  async close(): Promise<void> {
    for (const timer of this.checks) clearTimeout(timer); // clears intervals too
    this.checks.clear();
    await this.bus.close();
    this.emitter.removeAllListeners();
  }

  /**
   * A call whose placement answer was lost may ring (its webhooks will say so) or may never have been
   * placed. If Twilio has said nothing of it by the end of its ring time and a grace, it never was: it
   * ends as unknown, so nobody waits for it and its channel is free again.
   */
  private endIfNeverHeard(callId: string, ringTimeoutMs: number): void {
    const timer = setTimeout(() => {
      this.checks.delete(timer);
      void this.endUnheard(callId).catch((err: Error) =>
        this.logger.warn({ callId, err: err.message }, 'could not settle a Twilio call never heard of'),
      );
    }, ringTimeoutMs + this.unheardCallGraceMs);
    timer.unref();
    this.checks.add(timer);
  }

  private async endUnheard(callId: string): Promise<void> {
    const call = await this.store.get(callId);
    // Every webhook carries the call's sid: a call with one exists, and its end will come.
    if (!call || call.sid) return;
    await this.store.ended(callId, { answered: false, q850: 0, digit: '', machine: null });
    const at = new Date();
    await this.bus.publish({
      kind: 'event',
      event: { type: 'ended', callId, server: TWILIO_SERVER, at, cause: 'unknown', q850: 0, answered: false },
    });
  }

  /** Counts a call here at once (the caller may ask isLive next) and tells the other processes. */
  private async announce(message: BusMessage): Promise<void> {
    this.tracker.apply(message);
    await this.bus.publish(message);
  }

  private async liveCall(callId: string) {
    if (!this.tracker.isLive(callId)) throw new CallNotFound(callId);
    const call = await this.store.get(callId);
    // No sid yet: the call is still being placed and cannot take a verb.
    if (!call?.sid) throw new CallNotFound(callId);
    return call;
  }

  /** A verb on a live call: its TwiML replaces whatever the call was doing. */
  private async replaceTwiml(callId: string, twiml: string): Promise<void> {
    const call = await this.liveCall(callId);
    try {
      await this.rest.calls(call.sid).update({ twiml });
    } catch (err) {
      throw liveCallRestError(err, callId, call.trunk);
    }
  }
}

/** A step id, so two verbs of one call never look like a retried webhook. */
function step(): string {
  return randomBytes(6).toString('hex');
}

/** Redis failing before the call was placed: nothing rang. */
function notSentForRedis(err: unknown): never {
  if (err instanceof NotDialled) throw err;
  throw new EngineUnavailable(`${TWILIO_SERVER} (Redis: ${(err as Error).message})`, { cause: err });
}
