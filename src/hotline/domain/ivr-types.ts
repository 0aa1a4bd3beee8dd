import type { Prompt } from '../../telephony/prompt';

/** The case categories a caller can choose on the keypad (the cases core's CaseCategory). */
export type HotlineCategory = 'complaint' | 'consultation' | 'suggestion' | 'business' | 'urgent';

/** Who the caller is, as the directory knows the caller id; nulls for an unknown number. */
export interface CallerMatch {
  /** E.164, or null when the caller id was withheld or unreadable. */
  callerNumber: string | null;
  householdId: string | null;
  gridId: string | null;
}

/** Where the call is in the menu; each stage waits for one kind of input. */
type IvrStage =
  | { at: 'menu'; tries: number }
  | { at: 'village'; tries: number }
  | { at: 'village-lookup'; tries: number }
  /** Urgent: the duty worker's phone rings while the caller holds. */
  | { at: 'connecting' }
  | { at: 'bridged' }
  | { at: 'recording' }
  /** The message is in; the case is being opened. */
  | { at: 'opening' }
  | { at: 'reading-back' }
  | { at: 'done' };

/** One hotline call's IVR state, kept in Redis between events so any process can take the next one. */
export interface IvrSession {
  callId: string;
  caller: CallerMatch;
  /** The engine's recording of the whole call (from the answer), the fallback message. */
  callRecording: string | null;
  category: HotlineCategory | null;
  /** The village a caller without a known household keyed in. */
  villageId: string | null;
  /** The message recording's name, once recording started. */
  message: string | null;
  workerCallId: string | null;
  caseNumber: string | null;
  /** The caller hung up; nothing more is played. */
  callerGone: boolean;
  stage: IvrStage;
}

/** What happened, as the IVR sees it: call events of the caller's and the worker's calls, and I/O results. */
export type IvrInput =
  | { kind: 'gathered'; digits: string }
  | { kind: 'village-found'; villageId: string | null }
  | { kind: 'recorded'; recording: string }
  | { kind: 'case-opened'; number: string }
  /** The case could not be opened (database down): the caller is told to call again, nothing is read back. */
  | { kind: 'case-failed' }
  | { kind: 'played' }
  /** The worker's phone is ringing (or the call could not be placed: worker-gone follows). */
  | { kind: 'worker-calling'; workerCallId: string }
  /** The worker pressed 1 and waits to be connected. */
  | { kind: 'worker-ready' }
  /** The worker's call ended, was declined, or nobody could be called. */
  | { kind: 'worker-gone' }
  | { kind: 'caller-ended' };

/** What the case should say, when the IVR decides to open (or add to) one. */
export interface CaseRequest {
  category: HotlineCategory;
  urgent: boolean;
  householdId: string | null;
  /** The grid (known household) or the village keyed in; null: the town's dispatcher. */
  areaId: string | null;
  callerNumber: string | null;
  /** The recording to attach: the message, or the whole call when no message was left. */
  recording: string | null;
}

/** What the edges must do next, in order. */
export type IvrCommand =
  | { kind: 'gather'; prompt: Prompt; maxDigits: number; timeoutMs: number }
  | { kind: 'record'; prompt: Prompt; name: string; maxDurationMs: number; silenceMs: number }
  | { kind: 'say'; prompt: Prompt }
  | { kind: 'hangup' }
  | { kind: 'find-village'; code: string }
  | { kind: 'open-case'; request: CaseRequest }
  /** Ring the duty worker of this grid (null: the town's dispatcher) and hold them for a bridge. */
  | { kind: 'ring-duty-worker'; gridId: string | null; villageId: string | null }
  | { kind: 'bridge'; workerCallId: string }
  | { kind: 'hangup-worker'; workerCallId: string };

export interface IvrStep {
  session: IvrSession;
  commands: IvrCommand[];
}
