import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type { PhoneBehaviour } from '../../../simulators/phone/phone-behaviour';
import { PhoneBook } from '../phone-book';
import { beepWav } from '../../../src/telephony/twilio/wav';
import { parseTwiml, type TwimlVerb } from './twiml-document';

/** How quickly the fake world moves, in real milliseconds (as the fake engine's timing). */
export interface FakeTwilioTiming {
  ringMs: number;
  /** How long any <Play> or <Say> lasts. */
  promptMs: number;
  /** One second of TwiML (Pause, Gather timeout, ring timeout) or of a behaviour (hangup:<s>). */
  secondMs: number;
}

const DEFAULT_TIMING: FakeTwilioTiming = { ringMs: 4, promptMs: 2, secondMs: 10 };

/** A REST error the next call creation answers with (as Twilio's JSON error). */
export interface RestRefusal {
  status: number;
  code: number;
  message: string;
}

/** Every webhook request the fake made, for tests to look at. */
export interface WebhookRecord {
  url: string;
  params: Record<string, string>;
  status: number;
  /** What linli answered (TwiML, or nothing). */
  answer: string;
}

/** Every prompt the fake fetched for a <Play>, as Twilio fetches it (a plain GET). */
export interface MediaFetch {
  url: string;
  status: number;
  contentType: string;
}

interface FakeCall {
  sid: string;
  to: string;
  from: string;
  inbound: boolean;
  behaviour: PhoneBehaviour;
  keys: string[];
  answered: boolean;
  ended: boolean;
  statusCallback: string;
  statusEvents: Set<string>;
  machineDetection: string;
  sequence: number;
  /** Bumped by every update: the TwiML running under an older value stops. */
  generation: number;
  interrupt: () => void;
  interrupted: Promise<void>;
  conference: { name: string; endOnExit: boolean } | null;
  timers: NodeJS.Timeout[];
  callbacks: Promise<void>;
}

/** Twilio's REST error JSON. */
function restError(res: ServerResponse, refusal: RestRefusal): void {
  res.writeHead(refusal.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...refusal, more_info: `https://www.twilio.com/docs/errors/${refusal.code}` }));
}

async function body(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A local fake of Twilio's cloud, for tests that cannot reach it: the REST API linli uses (calls: create,
 * update; recordings), and phones that behave as the simulated village's do (press:1, busy, no-answer,
 * reject:503, …). It calls linli's webhooks back as Twilio does — status callbacks, TwiML fetches, gather
 * and record actions, conference events — each signed with the account's auth token, and executes the
 * TwiML it gets (Play, Say, Pause, Gather, Record, Redirect, Dial/Conference, Hangup) in milliseconds.
 */
export class FakeTwilio {
  readonly accountSid = `AC${randomBytes(16).toString('hex')}`;
  readonly authToken = randomBytes(16).toString('hex');
  /** Every call created through the REST API, in order. */
  readonly created: { sid: string; to: string; from: string; at: number; params: Record<string, string> }[] =
    [];
  readonly webhooks: WebhookRecord[] = [];
  readonly mediaFetches: MediaFetch[] = [];
  /** Whether <Play> fetches its URL (off where a test's load matters more than the prompts' bytes). */
  fetchPrompts = true;
  private readonly calls = new Map<string, FakeCall>();
  private readonly refusals: RestRefusal[] = [];
  private readonly conferences = new Map<string, Set<FakeCall>>();
  private readonly timing: FakeTwilioTiming;
  private readonly phones: PhoneBook;
  private server: Server;
  private port = 0;
  private linliUrl = '';

  private constructor(timing: Partial<FakeTwilioTiming>, defaultBehaviour?: PhoneBehaviour) {
    this.phones = new PhoneBook(defaultBehaviour);
    this.timing = { ...DEFAULT_TIMING, ...timing };
    this.server = this.newServer();
  }

  static async start(
    timing: Partial<FakeTwilioTiming> = {},
    defaultBehaviour?: PhoneBehaviour,
  ): Promise<FakeTwilio> {
    const fake = new FakeTwilio(timing, defaultBehaviour);
    await fake.listen(0);
    return fake;
  }

  /** The REST API base (TWILIO_API_URL). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where linli's webhooks are (TWILIO_PUBLIC_URL): inbound calls are posted there. */
  webhooksAt(linliUrl: string): this {
    this.linliUrl = linliUrl;
    return this;
  }

  phone(number: string, behaviour: PhoneBehaviour | string): this {
    this.phones.set(number, behaviour);
    return this;
  }

  everyOtherPhone(behaviour: PhoneBehaviour | string): this {
    this.phones.setEveryOther(behaviour);
    return this;
  }

  /** The next call creation is refused with this error (429 too many requests, 22005 queue full…). */
  refuseNext(refusal: RestRefusal): this {
    this.refusals.push(refusal);
    return this;
  }

  /** The API stops listening (connections refused) or listens again on the same port. */
  async setReachable(reachable: boolean): Promise<void> {
    if (reachable === this.server.listening) return;
    if (!reachable) {
      this.server.closeAllConnections();
      await new Promise((resolve) => this.server.close(resolve));
      return;
    }
    this.server = this.newServer();
    await this.listen(this.port);
  }

  /** Calls to this number (with or without +), in order. */
  callsTo(number: string): string[] {
    const bare = number.replace(/^\+/, '');
    return this.created.filter((c) => c.to.replace(/^\+/, '') === bare).map((c) => c.sid);
  }

  /** Calls up or ringing now. */
  liveCalls(): number {
    return [...this.calls.values()].filter((c) => !c.ended).length;
  }

  /** The far end hangs up. */
  farEndHangsUp(sid: string): void {
    const call = this.calls.get(sid);
    if (call) this.end(call, call.answered ? 'completed' : 'no-answer');
  }

  /** A resident calls the account's number for this trunk and service; keys are pressed when asked. */
  async callIn(trunk: string, service: 'sos' | 'hotline', from: string, keys = ''): Promise<string> {
    const call = this.newCall({ to: service === 'sos' ? '+8696500' : '+8612345', from, inbound: true });
    call.keys = [...keys];
    call.answered = true;
    call.statusCallback = `${this.linliUrl}/twilio/inbound-status`;
    call.statusEvents = new Set(['completed']);
    void this.fetchAndRun(call, `${this.linliUrl}/twilio/inbound/${trunk}/${service}`, call.generation);
    return call.sid;
  }

  async close(): Promise<void> {
    for (const call of this.calls.values()) {
      call.ended = true;
      call.interrupt();
      for (const t of call.timers) clearTimeout(t);
    }
    await Promise.allSettled([...this.calls.values()].map((c) => c.callbacks));
    if (this.server.listening) {
      this.server.closeAllConnections();
      await new Promise((resolve) => this.server.close(resolve));
    }
  }

  // ---- REST API ----

  private newServer(): Server {
    return createServer((req, res) => {
      this.route(req, res).catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 500, code: 20500, message: err.message }));
      });
    });
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve) => {
      this.server.listen(port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      return restError(res, { status: 401, code: 20003, message: 'Authenticate' });
    }
    const account = `/2010-04-01/Accounts/${this.accountSid}`;
    if (req.method === 'POST' && path === `${account}/Calls.json`) return this.create(await body(req), res);
    const update = new RegExp(`^${account}/Calls/(CA[0-9a-f]{32})\\.json$`).exec(path);
    if (req.method === 'POST' && update?.[1]) return this.update(update[1], await body(req), res);
    if (req.method === 'GET' && new RegExp(`^${account}/Recordings/RE[0-9a-f]{32}\\.wav$`).test(path)) {
      res.writeHead(200, { 'content-type': 'audio/wav' });
      res.end(beepWav());
      return;
    }
    restError(res, { status: 404, code: 20404, message: `The requested resource ${path} was not found` });
  }

  private create(params: URLSearchParams, res: ServerResponse): void {
    const refusal = this.refusals.shift();
    if (refusal) return restError(res, refusal);
    const to = params.get('To') ?? '';
    const url = params.get('Url') ?? '';
    if (!/^\+[0-9]{3,20}$/.test(to)) {
      return restError(res, {
        status: 400,
        code: 21211,
        message: `The 'To' number ${to} is not a valid phone number.`,
      });
    }
    const call = this.newCall({ to, from: params.get('From') ?? '', inbound: false });
    call.statusCallback = params.get('StatusCallback') ?? '';
    call.statusEvents = new Set(params.getAll('StatusCallbackEvent'));
    call.machineDetection = params.get('MachineDetection') ?? '';
    this.created.push({
      sid: call.sid,
      to,
      from: call.from,
      at: Date.now(),
      params: Object.fromEntries(params),
    });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(this.resource(call, 'queued')));
    void this.dial(call, url, Number(params.get('Timeout') ?? 60));
  }

  private update(sid: string, params: URLSearchParams, res: ServerResponse): void {
    const call = this.calls.get(sid);
    if (!call) return restError(res, { status: 404, code: 20404, message: `Call ${sid} not found` });
    if (call.ended) {
      return restError(res, {
        status: 400,
        code: 21220,
        message: 'Call is not in-progress. Cannot redirect.',
      });
    }
    const status = params.get('Status');
    const twiml = params.get('Twiml');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(this.resource(call, call.answered ? 'in-progress' : 'ringing')));
    if (status === 'completed' || status === 'canceled') {
      this.end(call, call.answered ? 'completed' : 'canceled');
    } else if (twiml) {
      const generation = this.replace(call);
      void this.runDocument(call, twiml, generation);
    }
  }

  private resource(call: FakeCall, status: string) {
    return {
      sid: call.sid,
      account_sid: this.accountSid,
      to: call.to,
      from: call.from,
      status,
      api_version: '2010-04-01',
    };
  }

  // ---- the phones ----

  private newCall(fields: { to: string; from: string; inbound: boolean }): FakeCall {
    const call: FakeCall = {
      sid: `CA${randomBytes(16).toString('hex')}`,
      ...fields,
      behaviour: fields.inbound ? { kind: 'silent' } : this.phones.behaviourOf(fields.to),
      keys: [],
      answered: false,
      ended: false,
      statusCallback: '',
      statusEvents: new Set(),
      machineDetection: '',
      sequence: 0,
      generation: 0,
      interrupt: () => undefined,
      interrupted: Promise.resolve(),
      conference: null,
      timers: [],
      callbacks: Promise.resolve(),
    };
    this.arm(call);
    this.calls.set(call.sid, call);
    return call;
  }

  /** A fresh interruption promise: resolved when the call's TwiML is replaced or the call ends. */
  private arm(call: FakeCall): void {
    call.interrupted = new Promise((resolve) => (call.interrupt = resolve));
  }

  /** New TwiML replaces what runs: the old script stops where it is; a conference is left. */
  private replace(call: FakeCall): number {
    call.generation += 1;
    call.interrupt();
    this.arm(call);
    this.leaveConference(call);
    return call.generation;
  }

  private async dial(call: FakeCall, url: string, timeoutS: number): Promise<void> {
    const generation = call.generation;
    this.statusCallback(call, 'initiated');
    await this.sleep(call, this.timing.ringMs / 2);
    if (call.ended) return;
    this.statusCallback(call, 'ringing');
    await this.sleep(call, this.timing.ringMs / 2);
    if (call.ended) return;
    const b = call.behaviour;
    if (b.kind === 'busy') return this.end(call, 'busy', 486);
    if (b.kind === 'decline') return this.end(call, 'failed', 603);
    if (b.kind === 'reject') {
      if (b.sipStatus === 486 || b.sipStatus === 600) return this.end(call, 'busy', b.sipStatus);
      return this.end(call, 'failed', b.sipStatus);
    }
    if (b.kind === 'no-answer') {
      await this.sleep(call, timeoutS * this.timing.secondMs);
      if (!call.ended) this.end(call, 'no-answer', 487);
      return;
    }
    call.answered = true;
    if (b.kind === 'press' || b.kind === 'press-and-hold') call.keys = [...b.digits];
    this.statusCallback(call, 'answered');
    // The progress callbacks so far reach linli before the call's TwiML is asked for.
    await call.callbacks;
    const extra: Record<string, string> = {};
    if (call.machineDetection) {
      const machine = b.kind === 'machine';
      extra.AnsweredBy = !machine
        ? 'human'
        : call.machineDetection === 'DetectMessageEnd'
          ? 'machine_end_beep'
          : 'machine_start';
    }
    const answer = await this.webhook(url, { ...this.callParams(call), ...extra });
    if (call.ended || call.generation !== generation) return;
    if (answer === null) return this.end(call, 'completed');
    // The person hears linli once the TwiML runs; from then on they may hang up.
    const hangsUpAfter =
      b.kind === 'hangup' ? b.afterSeconds : b.kind === 'press-and-hold' ? b.holdSeconds : 0;
    if (hangsUpAfter > 0) {
      call.timers.push(setTimeout(() => this.end(call, 'completed'), hangsUpAfter * this.timing.secondMs));
    }
    await this.runDocument(call, answer, generation);
  }

  /** Requests TwiML (a voice URL, an action, a redirect) and runs it; a failed request ends the call. */
  private async fetchAndRun(
    call: FakeCall,
    url: string,
    generation: number,
    extra: Record<string, string> = {},
  ): Promise<void> {
    const answer = await this.webhook(url, { ...this.callParams(call), ...extra });
    if (call.ended || call.generation !== generation) return;
    if (answer === null) return this.end(call, 'completed');
    await this.runDocument(call, answer, generation);
  }

  private async runDocument(call: FakeCall, xml: string, generation: number): Promise<void> {
    let verbs: TwimlVerb[];
    try {
      verbs = parseTwiml(xml);
    } catch {
      return this.end(call, 'completed');
    }
    for (const verb of verbs) {
      if (call.ended || call.generation !== generation) return;
      const next = await this.execute(call, verb, generation);
      if (call.ended || call.generation !== generation) return;
      if (next === 'stop') return;
    }
    // The document ran out: Twilio hangs up.
    this.end(call, 'completed');
  }

  /** One verb; 'stop' when it handed the call to another document (action, redirect) or ended it. */
  private async execute(call: FakeCall, verb: TwimlVerb, generation: number): Promise<'next' | 'stop'> {
    const a = verb.attrs;
    switch (verb.name) {
      case 'Play':
      case 'Say': {
        if (verb.name === 'Play' && this.fetchPrompts) await this.fetchMedia(verb.text);
        const loop = Number(a.loop ?? 1);
        await this.sleep(call, this.timing.promptMs * (loop === 0 ? 1000 : loop));
        return 'next';
      }
      case 'Pause':
        await this.sleep(call, Number(a.length ?? 1) * this.timing.secondMs);
        return 'next';
      case 'Hangup':
        this.end(call, 'completed');
        return 'stop';
      case 'Redirect':
        await this.fetchAndRun(call, verb.text, generation);
        return 'stop';
      case 'Gather':
        return this.gather(call, verb, generation);
      case 'Record':
        return this.record(call, verb, generation);
      case 'Dial':
        await this.dialVerb(call, verb);
        return 'next';
      default:
        throw new Error(`the fake Twilio does not know <${verb.name}>`);
    }
  }

  private async gather(call: FakeCall, verb: TwimlVerb, generation: number): Promise<'next' | 'stop'> {
    const a = verb.attrs;
    for (const child of verb.children) {
      await this.execute(call, child, generation);
      if (call.ended || call.generation !== generation) return 'stop';
    }
    const numDigits = Number(a.numDigits ?? 255);
    const finishOnKey = a.finishOnKey ?? '#';
    let digits = '';
    let finishedOnKey = '';
    while (call.keys.length > 0 && digits.length < numDigits) {
      const key = call.keys.shift() ?? '';
      if (finishOnKey !== '' && finishOnKey.includes(key)) {
        finishedOnKey = key;
        break;
      }
      digits += key;
    }
    if (digits === '' && finishedOnKey === '') {
      await this.sleep(call, Number(a.timeout ?? 5) * this.timing.secondMs);
      if (call.ended || call.generation !== generation) return 'stop';
      if (a.actionOnEmptyResult !== 'true') return 'next';
    }
    await this.fetchAndRun(call, a.action ?? '', generation, {
      Digits: digits,
      FinishedOnKey: finishedOnKey,
    });
    return 'stop';
  }

  private async record(call: FakeCall, verb: TwimlVerb, generation: number): Promise<'next' | 'stop'> {
    const a = verb.attrs;
    if (a.playBeep !== 'false') await this.sleep(call, this.timing.promptMs);
    const finishOnKey = a.finishOnKey ?? '1234567890*#';
    let digits = '';
    let durationS = Number(a.timeout ?? 5);
    const key = call.keys[0];
    if (key !== undefined && finishOnKey.includes(key)) {
      call.keys.shift();
      digits = key;
      durationS = 1;
      await this.sleep(call, this.timing.promptMs);
    } else {
      durationS = Math.min(durationS, Number(a.maxLength ?? 3600));
      await this.sleep(call, durationS * this.timing.secondMs);
    }
    if (call.generation !== generation) return 'stop';
    if (call.ended) digits = 'hangup';
    const recordingSid = `RE${randomBytes(16).toString('hex')}`;
    const params = {
      ...this.callParams(call),
      Digits: digits,
      RecordingSid: recordingSid,
      RecordingUrl: `${this.url}/2010-04-01/Accounts/${this.accountSid}/Recordings/${recordingSid}`,
      RecordingDuration: String(durationS),
    };
    const answer = await this.webhook(a.action ?? '', params);
    if (call.ended || call.generation !== generation || answer === null) return 'stop';
    await this.runDocument(call, answer, generation);
    return 'stop';
  }

  /** <Dial><Conference>: joins, reports the join, and stays until the conference ends or the call moves on. */
  private async dialVerb(call: FakeCall, verb: TwimlVerb): Promise<void> {
    const conference = verb.children.find((c) => c.name === 'Conference');
    if (!conference) throw new Error('the fake Twilio dials conferences only');
    const name = conference.text;
    const members = this.conferences.get(name) ?? new Set<FakeCall>();
    this.conferences.set(name, members);
    members.add(call);
    call.conference = { name, endOnExit: conference.attrs.endConferenceOnExit === 'true' };
    const events = (conference.attrs.statusCallbackEvent ?? '').split(/\s+/);
    if (conference.attrs.statusCallback && events.includes('join')) {
      await this.webhook(conference.attrs.statusCallback, {
        AccountSid: this.accountSid,
        CallSid: call.sid,
        ConferenceSid: `CF${randomBytes(16).toString('hex')}`,
        FriendlyName: name,
        StatusCallbackEvent: 'participant-join',
        SequenceNumber: String(members.size),
      });
    }
    await call.interrupted;
  }

  private leaveConference(call: FakeCall): void {
    const joined = call.conference;
    if (!joined) return;
    call.conference = null;
    const members = this.conferences.get(joined.name);
    members?.delete(call);
    if (!joined.endOnExit || !members) return;
    this.conferences.delete(joined.name);
    // The conference ends: everyone else's <Dial> returns and their TwiML goes on.
    for (const other of members) {
      other.conference = null;
      other.interrupt();
      this.arm(other);
    }
  }

  private end(call: FakeCall, status: string, sipResponseCode?: number): void {
    if (call.ended) return;
    call.ended = true;
    for (const t of call.timers) clearTimeout(t);
    call.interrupt();
    this.leaveConference(call);
    this.statusCallback(
      call,
      status,
      sipResponseCode === undefined ? {} : { SipResponseCode: String(sipResponseCode) },
    );
  }

  private callParams(call: FakeCall): Record<string, string> {
    return {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: call.ended ? 'completed' : call.answered ? 'in-progress' : 'ringing',
      Direction: call.inbound ? 'inbound' : 'outbound-api',
      From: call.inbound ? call.from : call.from,
      To: call.to,
    };
  }

  /** Status callbacks of one call go one after the other, as Twilio sends them. */
  private statusCallback(call: FakeCall, status: string, extra: Record<string, string> = {}): void {
    const final = ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(status);
    if (!call.statusCallback || !call.statusEvents.has(final ? 'completed' : status)) return;
    call.sequence += 1;
    const params = {
      ...this.callParams(call),
      CallStatus: status,
      SequenceNumber: String(call.sequence),
      CallbackSource: 'call-progress-events',
      ...extra,
    };
    call.callbacks = call.callbacks.then(async () => {
      await this.webhook(call.statusCallback, params);
    });
  }

  /** A signed POST to linli, as Twilio makes it; the TwiML answered, or null when linli refused it. */
  private async webhook(url: string, params: Record<string, string>): Promise<string | null> {
    const signature = twilio.getExpectedTwilioSignature(this.authToken, url, params);
    let status = 0;
    let text: string | null = null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
      status = response.status;
      text = await response.text();
    } catch {
      // linli unreachable: recorded with status 0, as Twilio logs a failed webhook.
    }
    this.webhooks.push({ url, params, status, answer: text ?? '' });
    return status === 200 ? text : null;
  }

  private async fetchMedia(url: string): Promise<void> {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      this.mediaFetches.push({
        url,
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
      });
    } catch {
      this.mediaFetches.push({ url, status: 0, contentType: '' });
    }
  }

  private sleep(call: FakeCall, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      void call.interrupted.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
