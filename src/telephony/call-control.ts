/**
 * The telephony port: what capabilities (campaigns, SOS, broadcasts, hotline) may ask of the
 * telephony engine. Nothing outside src/telephony/asterisk knows AMI.
 */

export interface OriginateRequest {
  /** linli's id for the call; becomes the channel's unique id. Generated when absent. */
  callId?: string;
  trunk: string;
  /** Number to dial on the trunk (E.164 with or without '+', or national digits). */
  destination: string;
  callerId?: string;
  /** How long to ring before giving up. */
  timeoutMs: number;
  /** Dialplan context entered when the call is answered, e.g. linli-notify. */
  context: string;
  extension?: string;
  /** Channel variables for the dialplan (LINLI_PROMPT, LINLI_DIGITS, ...). */
  variables?: Record<string, string>;
}

export interface OriginatedCall {
  callId: string;
  server: string;
}

interface CallEventBase {
  callId: string;
  server: string;
  at: Date;
}

export type CallEvent =
  | (CallEventBase & { type: 'ringing' })
  | (CallEventBase & { type: 'answered' })
  | (CallEventBase & { type: 'dtmf'; digit: string })
  | (CallEventBase & { type: 'user'; name: string; fields: Record<string, string> })
  | (CallEventBase & { type: 'bridged'; bridgeId: string })
  | (CallEventBase & {
      type: 'hangup';
      /** Q.850 cause; 0 when the engine did not say. */
      cause: number;
      answered: boolean;
      /** True when linli lost sight of the call (engine connection lost) and does not know how it ended. */
      unknown: boolean;
    });

export type CallEventType = CallEvent['type'];

export interface InboundCall {
  callId: string;
  server: string;
  /** Dialplan service the call reached: sos, hotline. */
  service: string;
  caller: string;
  called: string;
  /** Recording path relative to the media folder, when the dialplan records the call. */
  recording?: string;
  at: Date;
}

export interface PageRequest {
  callId?: string;
  server: string;
  /** Dial strings of the speakers, e.g. PJSIP/spk-001. */
  targets: string[];
  /** Sound to play, as Asterisk sees it (path without extension). */
  prompt: string;
  timeoutMs: number;
}

/** What the engine kept of an answered call that ended while nobody was listening. */
export interface EndedCallRecord {
  answered: boolean;
  cause: number;
  digit: string;
  /** Answering-machine detection result, when the call ran AMD (MACHINE, HUMAN, NOTSURE). */
  amd: string;
}

export type Unsubscribe = () => void;

export interface CallControl {
  originate(request: OriginateRequest): Promise<OriginatedCall>;
  hangup(callId: string, cause?: number): Promise<void>;
  /** Connects two live calls on the same server. */
  bridge(callIdA: string, callIdB: string): Promise<void>;
  /** Moves a live call to another dialplan place, e.g. an IVR. */
  redirect(callId: string, context: string, extension?: string): Promise<void>;
  page(request: PageRequest): Promise<OriginatedCall>;
  /** Whether the call is up or ringing on its server now. */
  isLive(callId: string): boolean;
  /**
   * For a call that ended while its owner was gone (process restart): what the engine kept of it,
   * read once. Null when it was never answered or the record is gone.
   */
  recoverEndedCall(callId: string): Promise<EndedCallRecord | null>;
  /** Channels this trunk's server reports in use on the trunk right now. */
  channelsInUse(trunk: string): number;
  onCallEvent(listener: (event: CallEvent) => void): Unsubscribe;
  onInboundCall(listener: (call: InboundCall) => void): Unsubscribe;
  /** Each server's connection state, for /readyz. */
  status(): { server: string; connected: boolean }[];
  close(): Promise<void>;
}
