/**
 * The telephony port: the verbs capabilities (campaigns, SOS, broadcasts, hotline) may ask of a
 * telephony engine, and the typed events they get back. Only a driver (src/telephony/<engine>/) knows
 * the engine's contexts, variables, events and errors.
 */
import type { CallEvent, EndedCallRecord, InboundCall, SpeakerReachabilityChange } from './call-events';
import type { GatherRequest } from './verbs/gather';
import type { NotifyRequest } from './verbs/notify';
import type { PageRequest, SpeakerReachability } from './verbs/page';
import type { RecordRequest } from './verbs/record';
import type { SayRequest } from './verbs/say';
import type { TellRequest } from './verbs/tell';

export interface PlacedCall {
  callId: string;
  server: string;
}

export type Unsubscribe = () => void;

/**
 * Errors a verb may throw: NotDialled (and its TrunkCongested, EngineUnavailable, PromptUnavailable:
 * nothing rang, safe to retry), OutcomeUnknown (may be ringing: wait for its end), CallNotFound,
 * InvalidCallRequest.
 */
export interface CallControl {
  /** Calls a number, plays a message and asks for one key. */
  notify(request: NotifyRequest): Promise<PlacedCall>;
  /** Plays to a live call linli controls; the call waits for the next verb afterwards. */
  say(callId: string, request: SayRequest): Promise<void>;
  /** Plays to a held call, then ends it. */
  tell(callId: string, request: TellRequest): Promise<void>;
  /** One menu level on a live call. */
  gather(callId: string, request: GatherRequest): Promise<void>;
  /** Records the caller. */
  record(callId: string, request: RecordRequest): Promise<void>;
  /** Connects two live calls. */
  bridge(callIdA: string, callIdB: string): Promise<void>;
  /** Pages loudspeakers. */
  page(request: PageRequest): Promise<PlacedCall>;
  /**
   * Whether each speaker is reachable now, as the engine's own checks say. Optional: an engine without
   * loudspeakers (a cloud carrier) leaves it out, and its speakers count as unknown.
   */
  speakerReachability?(speakers: readonly string[]): Promise<Record<string, SpeakerReachability>>;
  /**
   * Tells when the engine's own check changes its verdict on a speaker (within its check interval),
   * so health need not wait for the next query. Optional, like speakerReachability.
   */
  onSpeakerReachability?(listener: (change: SpeakerReachabilityChange) => void): Unsubscribe;
  /** Ends a call, with a Q.850 cause (16, normal clearing, by default). */
  hangup(callId: string, q850?: number): Promise<void>;
  /** Whether the call is up or ringing now. */
  isLive(callId: string): boolean;
  /**
   * For a call that ended while its owner was gone (process restart): what the engine kept of it,
   * read once. Null when it was never answered or the record is gone.
   */
  recoverEndedCall(callId: string): Promise<EndedCallRecord | null>;
  /** Channels in use on the trunk right now, as its engine reports them. */
  channelsInUse(trunk: string): number;
  onCallEvent(listener: (event: CallEvent) => void): Unsubscribe;
  onInboundCall(listener: (call: InboundCall) => void): Unsubscribe;
  /** Each engine instance's connection state, for /readyz. */
  status(): { server: string; connected: boolean }[];
  close(): Promise<void>;
}
