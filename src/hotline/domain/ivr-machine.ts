import { speak } from '../../telephony/prompt';
import { caseNumberPrompt, IvrText, menuPrompt, recordPrompt, villagePrompt } from './ivr-prompts';
import type {
  CallerMatch,
  CaseRequest,
  HotlineCategory,
  IvrCommand,
  IvrInput,
  IvrSession,
  IvrStep,
} from './ivr-types';

const MENU_TIMEOUT_MS = 6_000;
const VILLAGE_TIMEOUT_MS = 8_000;
/** Village codes are keyed in whole, # ends them early. */
const VILLAGE_CODE_MAX_DIGITS = 12;
export const MESSAGE_MAX_MS = 120_000;
/** A silent caller is still recorded: the recording stops after this much silence, not at two minutes. */
const MESSAGE_SILENCE_MS = 10_000;
/** How often a menu is played before the default route is taken. */
const MENU_PLAYS = 2;
/** Where a caller goes who pressed nothing usable twice: a complaint/report, still recorded. */
const DEFAULT_CATEGORY: HotlineCategory = 'complaint';

const KEYS: Readonly<Record<string, HotlineCategory>> = {
  '1': 'complaint',
  '2': 'consultation',
  '3': 'suggestion',
  '4': 'business',
  '0': 'urgent',
};

/** The message's name in the media folder: letters, digits and dashes only. */
function messageRecordingName(callId: string): string {
  return `recordings/hotline-message-${callId.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
}

/** A new hotline call: the session and its first menu. */
export function startIvr(callId: string, caller: CallerMatch, callRecording: string | null): IvrStep {
  const session: IvrSession = {
    callId,
    caller,
    callRecording,
    category: null,
    villageId: null,
    message: null,
    workerCallId: null,
    caseNumber: null,
    callerGone: false,
    stage: { at: 'menu', tries: 0 },
  };
  return { session, commands: [gatherMenu(false)] };
}

/**
 * The hotline IVR as a pure step: the session and an input in, the next session and what to do out.
 * An input the current stage does not wait for (a second process's copy of an event, a late event)
 * changes nothing, so every process may feed every event.
 */
export function stepIvr(session: IvrSession, input: IvrInput): IvrStep {
  if (input.kind === 'caller-ended') return callerEnded(session);
  const stage = session.stage;
  switch (stage.at) {
    case 'menu':
      return input.kind === 'gathered' ? menuChoice(session, input.digits, stage.tries) : same(session);
    case 'village':
      if (input.kind !== 'gathered') return same(session);
      if (input.digits.replace(/\D/g, '') === '') return villageMissed(session, stage.tries);
      return {
        session: { ...session, stage: { at: 'village-lookup', tries: stage.tries } },
        commands: [{ kind: 'find-village', code: input.digits.replace(/\D/g, '') }],
      };
    case 'village-lookup':
      if (input.kind !== 'village-found') return same(session);
      if (input.villageId === null) return villageMissed(session, stage.tries);
      return startRecording({ ...session, villageId: input.villageId }, false);
    case 'connecting':
      if (input.kind === 'case-opened') return same({ ...session, caseNumber: input.number });
      if (input.kind === 'worker-calling') return same({ ...session, workerCallId: input.workerCallId });
      if (input.kind === 'worker-ready' && session.workerCallId) {
        return {
          session: { ...session, stage: { at: 'bridged' } },
          commands: [{ kind: 'bridge', workerCallId: session.workerCallId }],
        };
      }
      if (input.kind === 'worker-gone') return startRecording({ ...session, workerCallId: null }, true);
      return same(session);
    case 'bridged':
      if (input.kind === 'case-opened') return same({ ...session, caseNumber: input.number });
      // The worker hung up first: the caller still hears the case number.
      if (input.kind === 'worker-gone') return readBack({ ...session, workerCallId: null });
      return same(session);
    case 'recording':
      if (input.kind === 'case-opened') return same({ ...session, caseNumber: input.number });
      if (input.kind !== 'recorded') return same(session);
      return openCase({ ...session, message: input.recording });
    case 'opening':
      if (input.kind === 'case-opened') return readBack({ ...session, caseNumber: input.number });
      if (input.kind === 'case-failed') {
        return {
          session: { ...session, stage: { at: 'reading-back' } },
          commands: [{ kind: 'say', prompt: [speak(IvrText.caseFailed)] }],
        };
      }
      return same(session);
    case 'reading-back':
      return input.kind === 'played'
        ? { session: { ...session, stage: { at: 'done' } }, commands: [{ kind: 'hangup' }] }
        : same(session);
    case 'done':
      return same(session);
  }
}

function same(session: IvrSession): IvrStep {
  return { session, commands: [] };
}

function gatherMenu(retry: boolean): IvrCommand {
  return { kind: 'gather', prompt: menuPrompt(retry), maxDigits: 1, timeoutMs: MENU_TIMEOUT_MS };
}

function gatherVillage(retry: boolean): IvrCommand {
  return {
    kind: 'gather',
    prompt: villagePrompt(retry),
    maxDigits: VILLAGE_CODE_MAX_DIGITS,
    timeoutMs: VILLAGE_TIMEOUT_MS,
  };
}

function menuChoice(session: IvrSession, digits: string, tries: number): IvrStep {
  const chosen = KEYS[digits];
  if (chosen === undefined && tries + 1 < MENU_PLAYS) {
    return { session: { ...session, stage: { at: 'menu', tries: tries + 1 } }, commands: [gatherMenu(true)] };
  }
  const category = chosen ?? DEFAULT_CATEGORY;
  const chosenSession = { ...session, category };
  if (category === 'urgent') return urgent(chosenSession);
  if (session.caller.householdId === null) {
    return {
      session: { ...chosenSession, stage: { at: 'village', tries: 0 } },
      commands: [gatherVillage(false)],
    };
  }
  return startRecording(chosenSession, false);
}

/** Key 0: the case is opened at once (with the call's own recording) and the duty worker rings. */
function urgent(session: IvrSession): IvrStep {
  return {
    session: { ...session, stage: { at: 'connecting' } },
    commands: [
      { kind: 'open-case', request: caseRequest(session) },
      { kind: 'ring-duty-worker', gridId: session.caller.gridId, villageId: session.villageId },
      { kind: 'say', prompt: [speak(IvrText.connecting)] },
    ],
  };
}

function villageMissed(session: IvrSession, tries: number): IvrStep {
  if (tries + 1 < MENU_PLAYS) {
    return {
      session: { ...session, stage: { at: 'village', tries: tries + 1 } },
      commands: [gatherVillage(true)],
    };
  }
  // No village: the town's dispatcher routes the case.
  return startRecording(session, false);
}

function startRecording(session: IvrSession, afterUnreachableWorker: boolean): IvrStep {
  const name = messageRecordingName(session.callId);
  return {
    session: { ...session, message: name, stage: { at: 'recording' } },
    commands: [
      {
        kind: 'record',
        prompt: recordPrompt(afterUnreachableWorker),
        name,
        maxDurationMs: MESSAGE_MAX_MS,
        silenceMs: MESSAGE_SILENCE_MS,
      },
    ],
  };
}

function openCase(session: IvrSession): IvrStep {
  return {
    session: { ...session, stage: session.callerGone ? { at: 'done' } : { at: 'opening' } },
    commands: [{ kind: 'open-case', request: caseRequest(session) }],
  };
}

function readBack(session: IvrSession): IvrStep {
  if (session.callerGone || session.caseNumber === null) {
    return {
      session: { ...session, stage: { at: 'done' } },
      commands: session.callerGone ? [] : [{ kind: 'hangup' }],
    };
  }
  return {
    session: { ...session, stage: { at: 'reading-back' } },
    commands: [{ kind: 'say', prompt: caseNumberPrompt(session.caseNumber) }],
  };
}

/**
 * The caller hung up. Whatever stage the call was in, a case exists afterwards: with the message when
 * one was being recorded, else with the call's own recording and the category chosen (or the default).
 */
function callerEnded(session: IvrSession): IvrStep {
  const gone = { ...session, callerGone: true };
  switch (session.stage.at) {
    case 'menu':
    case 'village':
    case 'village-lookup':
    case 'recording':
      return openCase({ ...gone, category: session.category ?? DEFAULT_CATEGORY });
    case 'connecting':
    case 'bridged':
      return {
        session: { ...gone, stage: { at: 'done' } },
        commands: session.workerCallId ? [{ kind: 'hangup-worker', workerCallId: session.workerCallId }] : [],
      };
    case 'opening':
      // The case is being opened already; nothing is read back to nobody.
      return same(gone);
    case 'reading-back':
    case 'done':
      return { session: { ...gone, stage: { at: 'done' } }, commands: [] };
  }
}

function caseRequest(session: IvrSession): CaseRequest {
  const category = session.category ?? DEFAULT_CATEGORY;
  return {
    category,
    urgent: category === 'urgent',
    householdId: session.caller.householdId,
    areaId: session.caller.gridId ?? session.villageId,
    callerNumber: session.caller.callerNumber,
    recording: session.message ?? session.callRecording,
  };
}
