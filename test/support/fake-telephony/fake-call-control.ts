import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { PhoneBehaviour } from '../../../simulators/phone/phone-behaviour';
import { PhoneBook } from '../phone-book';
import type {
  CallEvent,
  EndedCallRecord,
  InboundCall,
  InboundService,
} from '../../../src/telephony/call-events';
import type { CallControl, PlacedCall, Unsubscribe } from '../../../src/telephony/call-control';
import { CallNotFound } from '../../../src/telephony/errors/call-not-found';
import { EngineUnavailable } from '../../../src/telephony/errors/engine-unavailable';
import { InvalidCallRequest } from '../../../src/telephony/errors/invalid-call-request';
import { classifyCallEnd } from '../../../src/telephony/q850';
import type { GatherRequest } from '../../../src/telephony/verbs/gather';
import type { NotifyRequest } from '../../../src/telephony/verbs/notify';
import {
  PAGE_ID_OVERHEAD,
  PAGE_TARGET_BUDGET,
  SPEAKER_ID,
  type PageRequest,
  type SpeakerReachability,
} from '../../../src/telephony/verbs/page';
import type { RecordRequest } from '../../../src/telephony/verbs/record';

/** How quickly the fake world moves, in real milliseconds. */
export interface FakeTiming {
  ringMs: number;
  /** How long any prompt plays. */
  promptMs: number;
  /** One second of a behaviour (hangup:<s>, press-and-hold:<d>:<s>) or of a request (ring time, hold time). */
  secondMs: number;
}

const DEFAULT_TIMING: FakeTiming = { ringMs: 4, promptMs: 2, secondMs: 10 };
const SERVER = 'fake';

/** What a SIP status means as a Q.850 cause, as Asterisk maps the ones linli meets. */
const SIP_TO_Q850: Record<number, number> = { 404: 1, 480: 18, 486: 17, 503: 34, 603: 21, 403: 21 };

interface FakeCall {
  id: string;
  trunk: string | null;
  answered: boolean;
  /** Keys the phone (or inbound caller) will press, in order. */
  keys: string[];
  /** Stops reporting: what it does is kept for recoverEndedCall, as an engine's record would be. */
  silent: boolean;
  digit: string;
  timers: NodeJS.Timeout[];
}

/**
 * A scriptable telephony engine behind the same port as the real drivers, for tests that use a fake:
 * phones behave as the simulated village's do (press:1, busy, no-answer, reject:503, …) in
 * milliseconds, and a test can refuse the next call, make a call go silent, end a call from the far
 * side or ring in like a resident.
 */
export class FakeCallControl implements CallControl {
  /** Every notify request that was placed, in order. */
  readonly placed: NotifyRequest[] = [];
  readonly pages: PageRequest[] = [];
  private readonly speakerStates = new Map<string, SpeakerReachability>();
  private readonly calls = new Map<string, FakeCall>();
  private readonly kept = new Map<string, EndedCallRecord>();
  private readonly refusals: Error[] = [];
  private readonly bus = new EventEmitter<{ call: [CallEvent]; inbound: [InboundCall] }>();
  private readonly timing: FakeTiming;
  private readonly phones: PhoneBook;
  private connected = true;
  private bridges = 0;

  constructor(
    private readonly trunks: readonly string[] = ['pstn'],
    timing: Partial<FakeTiming> = {},
    defaultBehaviour?: PhoneBehaviour,
  ) {
    this.phones = new PhoneBook(defaultBehaviour);
    this.bus.setMaxListeners(0);
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  /** How the phone behind this number behaves (the number as dialled, with or without +). */
  phone(number: string, behaviour: PhoneBehaviour | string): this {
    this.phones.set(number, behaviour);
    return this;
  }

  everyOtherPhone(behaviour: PhoneBehaviour | string): this {
    this.phones.setEveryOther(behaviour);
    return this;
  }

  /** The next notify throws this (TrunkCongested, EngineUnavailable, OutcomeUnknown, …) instead. */
  refuseNext(error: Error): this {
    this.refusals.push(error);
    return this;
  }

  /** The engine connection is down (every verb throws EngineUnavailable) or back. */
  setConnected(connected: boolean): this {
    this.connected = connected;
    return this;
  }

  /** The call goes on but nothing about it is reported any more; its outcome is kept as an engine would. */
  goSilent(callId: string): void {
    const call = this.calls.get(callId);
    if (call) call.silent = true;
  }

  /** The far end hangs up. */
  farEndHangsUp(callId: string, q850 = 16): void {
    const call = this.calls.get(callId);
    if (call) this.end(call, q850);
  }

  /** A resident calls a service; the call is answered and waits for verbs. Keys are pressed when asked. */
  callIn(service: InboundService, caller: string, keys = ''): InboundCall {
    const call = this.newCall(randomUUID(), null, [...keys]);
    call.answered = true;
    const inbound: InboundCall = {
      callId: call.id,
      server: SERVER,
      service,
      caller,
      called: service === 'sos' ? '96500' : '12345',
      recording: `recordings/${service}-${call.id}`,
      at: new Date(),
    };
    queueMicrotask(() => this.bus.emit('inbound', inbound));
    return inbound;
  }

  async notify(request: NotifyRequest): Promise<PlacedCall> {
    this.checkConnected();
    if (!this.trunks.includes(request.trunk))
      throw new InvalidCallRequest(`unknown trunk "${request.trunk}"`);
    if (!/^\+?[0-9]{3,20}$/.test(request.destination)) {
      throw new InvalidCallRequest(`not a dialable number: ${request.destination}`);
    }
    const refusal = this.refusals.shift();
    if (refusal) throw refusal;
    const number = request.destination.replace(/^\+/, '');
    const behaviour = this.phones.behaviourOf(number);
    const keys =
      behaviour.kind === 'press' || behaviour.kind === 'press-and-hold' ? [...behaviour.digits] : [];
    const call = this.newCall(request.callId ?? randomUUID(), request.trunk, keys);
    this.placed.push(request);
    this.after(call, this.timing.ringMs / 2, () => this.emit(call, { type: 'ringing' }));
    this.after(call, this.timing.ringMs, () => this.ring(call, behaviour, request));
    return { callId: call.id, server: SERVER };
  }

  private ring(call: FakeCall, behaviour: PhoneBehaviour, request: NotifyRequest): void {
    switch (behaviour.kind) {
      case 'busy':
        return this.end(call, 17);
      case 'decline':
        return this.end(call, 21);
      case 'reject':
        return this.end(call, SIP_TO_Q850[behaviour.sipStatus] ?? 31);
      case 'no-answer':
        this.after(call, this.scaled(request.ringTimeoutMs), () => this.end(call, 19));
        return;
      default:
        break;
    }
    call.answered = true;
    this.emit(call, { type: 'answered' });
    if (behaviour.kind === 'hangup')
      this.after(call, behaviour.afterSeconds * this.timing.secondMs, () => this.end(call, 16));
    if (behaviour.kind === 'press-and-hold') {
      this.after(call, behaviour.holdSeconds * this.timing.secondMs, () => this.end(call, 16));
    }
    if (request.machineDetection !== 'off') {
      const machine = behaviour.kind === 'machine';
      this.emit(call, {
        type: 'machine',
        verdict: machine ? 'machine' : 'human',
        detail: machine ? 'LONGGREETING' : 'HUMAN',
      });
      if (machine && request.machineDetection === 'hang-up') return this.end(call, 16);
      if (machine) {
        this.after(call, this.timing.promptMs, () => {
          this.emit(call, { type: 'messageLeft' });
          this.end(call, 16);
        });
        return;
      }
    }
    this.play(call, request, 1);
  }

  /** One play of the message and the key read after it, as linli-notify does. */
  private play(call: FakeCall, request: NotifyRequest, play: number): void {
    this.after(call, this.timing.promptMs, () => {
      const key = call.keys.shift() ?? '';
      if (key !== '' && key === request.repeatDigit) {
        this.emit(call, { type: 'repeat', play });
        return play < request.maxPlays ? this.play(call, request, play + 1) : this.end(call, 16);
      }
      call.digit = key;
      this.emit(call, { type: 'digit', digit: key, play, recovered: false });
      if (key === '') return play < 2 ? this.play(call, request, play + 1) : this.end(call, 16);
      const choice = request.choices.find((c) => c.digit === key);
      if (!choice) return play < request.maxPlays ? this.play(call, request, play + 1) : this.end(call, 16);
      if (choice.hold) {
        this.emit(call, { type: 'holding', digit: key });
        this.after(call, this.scaled(request.holdMaxMs ?? 60_000), () => this.end(call, 16));
        return;
      }
      this.after(call, request.acknowledgement?.length ? this.timing.promptMs : 0, () => this.end(call, 16));
    });
  }

  async say(callId: string): Promise<void> {
    const call = this.liveCall(callId);
    this.after(call, this.timing.promptMs, () => this.emit(call, { type: 'played' }));
  }

  async tell(callId: string): Promise<void> {
    const call = this.liveCall(callId);
    this.clearTimers(call);
    this.emit(call, { type: 'told' });
    this.after(call, this.timing.promptMs, () => this.end(call, 16));
  }

  async gather(callId: string, request: GatherRequest): Promise<void> {
    const call = this.liveCall(callId);
    this.after(call, this.timing.promptMs, () => {
      let digits = '';
      while (call.keys.length > 0 && digits.length < request.maxDigits && !digits.endsWith('#')) {
        digits += call.keys.shift();
      }
      const complete = digits.endsWith('#') || digits.length === request.maxDigits;
      this.emit(call, { type: 'gathered', digits, complete });
    });
  }

  async record(callId: string, request: RecordRequest): Promise<void> {
    const call = this.liveCall(callId);
    this.after(call, this.timing.promptMs * 2, () =>
      this.emit(call, { type: 'recorded', recording: request.name, endedBy: 'key' }),
    );
  }

  async bridge(callIdA: string, callIdB: string): Promise<void> {
    const a = this.liveCall(callIdA);
    const b = this.liveCall(callIdB);
    const bridgeId = `fake-bridge-${++this.bridges}`;
    for (const call of [a, b]) {
      this.clearTimers(call);
      this.emit(call, { type: 'bridged', bridgeId });
    }
  }

  async page(request: PageRequest): Promise<PlacedCall> {
    this.checkConnected();
    if (request.speakers.length === 0) throw new InvalidCallRequest('page: no speakers');
    const bad = request.speakers.find((id) => !SPEAKER_ID.test(id));
    if (bad !== undefined) throw new InvalidCallRequest(`page: "${bad}" is not a speaker id`);
    if (request.speakers.reduce((sum, id) => sum + id.length + PAGE_ID_OVERHEAD, 0) > PAGE_TARGET_BUDGET) {
      throw new InvalidCallRequest('page: too many speakers for one page');
    }
    this.pages.push(request);
    const call = this.newCall(request.callId ?? randomUUID(), null, []);
    // Like Page(): the page answers at once; each speaker then answers, or is not reached (unreachable).
    const reached = request.speakers.filter((id) => this.speakerStates.get(id) !== 'unreachable');
    this.after(call, this.timing.ringMs, () => {
      call.answered = true;
      this.emit(call, { type: 'answered' });
      for (const speaker of request.speakers) {
        if (reached.includes(speaker)) this.emit(call, { type: 'speakerAnswered', speaker });
        else this.emit(call, { type: 'speakerEnded', speaker, answered: false, q850: 18 });
      }
      this.after(call, this.timing.promptMs, () => {
        for (const speaker of reached)
          this.emit(call, { type: 'speakerEnded', speaker, answered: true, q850: 16 });
        this.end(call, 16);
      });
    });
    return { callId: call.id, server: SERVER };
  }

  /** What the engine's checks say of a speaker (every speaker is reachable unless told otherwise). */
  speakerState(speaker: string, state: SpeakerReachability): this {
    this.speakerStates.set(speaker, state);
    return this;
  }

  async speakerReachability(speakers: readonly string[]): Promise<Record<string, SpeakerReachability>> {
    this.checkConnected();
    return Object.fromEntries(speakers.map((id) => [id, this.speakerStates.get(id) ?? 'reachable']));
  }

  async hangup(callId: string, q850 = 16): Promise<void> {
    this.end(this.liveCall(callId), q850);
  }

  isLive(callId: string): boolean {
    const call = this.calls.get(callId);
    return call !== undefined && !call.silent;
  }

  async recoverEndedCall(callId: string): Promise<EndedCallRecord | null> {
    const kept = this.kept.get(callId) ?? null;
    this.kept.delete(callId);
    return kept;
  }

  channelsInUse(trunk: string): number {
    return [...this.calls.values()].filter((c) => c.trunk === trunk).length;
  }

  onCallEvent(listener: (event: CallEvent) => void): Unsubscribe {
    this.bus.on('call', listener);
    return () => this.bus.off('call', listener);
  }

  onInboundCall(listener: (call: InboundCall) => void): Unsubscribe {
    this.bus.on('inbound', listener);
    return () => this.bus.off('inbound', listener);
  }

  status(): { server: string; connected: boolean }[] {
    return [{ server: SERVER, connected: this.connected }];
  }

  async close(): Promise<void> {
    for (const call of this.calls.values()) this.clearTimers(call);
    this.calls.clear();
    this.bus.removeAllListeners();
  }

  private newCall(id: string, trunk: string | null, keys: string[]): FakeCall {
    const call: FakeCall = {
      id,
      trunk,
      answered: false,
      keys,
      silent: false,
      digit: '',
      timers: [],
    };
    this.calls.set(id, call);
    return call;
  }

  private liveCall(callId: string): FakeCall {
    this.checkConnected();
    const call = this.calls.get(callId);
    if (!call || call.silent) throw new CallNotFound(callId);
    return call;
  }

  private checkConnected(): void {
    if (!this.connected) throw new EngineUnavailable(SERVER);
  }

  /** A duration of the real world in the fake's time. */
  private scaled(ms: number): number {
    return (ms / 1000) * this.timing.secondMs;
  }

  private after(call: FakeCall, ms: number, step: () => void): void {
    call.timers.push(setTimeout(step, ms));
  }

  private clearTimers(call: FakeCall): void {
    for (const timer of call.timers) clearTimeout(timer);
    call.timers = [];
  }

  private emit(call: FakeCall, event: DistributiveOmit<CallEvent, 'callId' | 'server' | 'at'>): void {
    if (call.silent) return;
    this.bus.emit('call', { ...event, callId: call.id, server: SERVER, at: new Date() } as CallEvent);
  }

  private end(call: FakeCall, q850: number): void {
    if (!this.calls.delete(call.id)) return;
    this.clearTimers(call);
    if (call.silent) {
      if (call.answered) this.kept.set(call.id, { answered: true, q850, digit: call.digit, machine: null });
      return;
    }
    this.emit(call, {
      type: 'ended',
      cause: classifyCallEnd(call.answered, q850),
      q850,
      answered: call.answered,
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
