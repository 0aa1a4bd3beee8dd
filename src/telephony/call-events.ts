import type { CallEnd } from './q850';
import type { SpeakerReachability } from './verbs/page';

interface CallEventBase {
  callId: string;
  /** The engine instance that carries the call. */
  server: string;
  at: Date;
}

/** What machine detection decided after the answer. */
export type MachineVerdict = 'machine' | 'human' | 'unsure';

/** What happens on a call, in the order it happened, whatever engine carries it. */
export type CallEvent =
  | (CallEventBase & { type: 'ringing' })
  | (CallEventBase & { type: 'answered' })
  /** A key tone heard on the line (every one, also during prompts). */
  | (CallEventBase & { type: 'tone'; digit: string })
  /**
   * The key a notify's menu took as the answer, or an empty digit when the time ran out without one.
   * `recovered`: read back from what the engine kept after linli lost sight of the call.
   */
  | (CallEventBase & { type: 'digit'; digit: string; play: number; recovered: boolean })
  | (CallEventBase & { type: 'repeat'; play: number })
  | (CallEventBase & { type: 'machine'; verdict: MachineVerdict; detail: string })
  /** The message was played after an answering machine's beep. */
  | (CallEventBase & { type: 'messageLeft' })
  /** The person chose a holding key and waits for a bridge or a tell. */
  | (CallEventBase & { type: 'holding'; digit: string })
  | (CallEventBase & { type: 'told' })
  | (CallEventBase & { type: 'played' })
  /** `complete`: ended by the finish key or the digit count, not by the timeout. */
  | (CallEventBase & { type: 'gathered'; digits: string; complete: boolean })
  | (CallEventBase & {
      type: 'recorded';
      recording: string;
      /** What ended the recording. */
      endedBy: 'key' | 'silence' | 'time-limit' | 'hangup' | 'error';
    })
  | (CallEventBase & { type: 'bridged'; bridgeId: string })
  /** One speaker of a page answered: it plays from now (the page's own `answered` is not the speakers'). */
  | (CallEventBase & { type: 'speakerAnswered'; speaker: string })
  /** One speaker of a page hung up, or was not reached (`answered` false, `q850` why). */
  | (CallEventBase & { type: 'speakerEnded'; speaker: string; answered: boolean; q850: number })
  | (CallEventBase & {
      type: 'ended';
      /** What the end means to a person; `unknown` when linli lost sight of the call. */
      cause: CallEnd;
      /** Q.850 release cause; 0 when the engine did not say. */
      q850: number;
      answered: boolean;
    });

export type CallEventType = CallEvent['type'];
export type CallEventOf<T extends CallEventType> = Extract<CallEvent, { type: T }>;

/** Services a number on a trunk can reach. */
export type InboundService = 'sos' | 'hotline';

export interface InboundCall {
  callId: string;
  server: string;
  service: InboundService;
  caller: string;
  called: string;
  /** The call's recording in linli's media folder (name without extension), when it is recorded. */
  recording?: string;
  at: Date;
}

/** What the engine kept of an answered call that ended while nobody was listening. */
export interface EndedCallRecord {
  answered: boolean;
  q850: number;
  digit: string;
  machine: MachineVerdict | null;
}

/** The engine's own check of a speaker (SIP OPTIONS qualification) changed its verdict. */
export interface SpeakerReachabilityChange {
  /** linli's speaker id (its SIP endpoint). */
  speaker: string;
  reachability: SpeakerReachability;
  at: Date;
}
