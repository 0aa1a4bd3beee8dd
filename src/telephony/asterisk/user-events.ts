import type { CallEvent, InboundCall, InboundService, MachineVerdict } from '../call-events';
import { UserEventName } from './dialplan-contract';

type Base = { callId: string; server: string; at: Date };

const AMD_VERDICTS: Record<string, MachineVerdict> = {
  MACHINE: 'machine',
  HUMAN: 'human',
  NOTSURE: 'unsure',
};

/** AMD()'s AMDSTATUS as the port's verdict; anything else (FAILURE, empty) is unsure. */
export function machineVerdict(amdStatus: string): MachineVerdict {
  return AMD_VERDICTS[amdStatus] ?? 'unsure';
}

const RECORD_ENDS: Record<string, Extract<CallEvent, { type: 'recorded' }>['endedBy']> = {
  DTMF: 'key',
  SILENCE: 'silence',
  TIMEOUT: 'time-limit',
  HANGUP: 'hangup',
};

function play(fields: Record<string, string>): number {
  const n = Number(fields.play);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/**
 * A dialplan UserEvent as the port's call event; null for events that carry nothing new (LinliAnswered:
 * the channel state says it) or that are not linli's. Field names arrive lowercased from AMI.
 */
export function callEventOfUserEvent(
  name: string,
  fields: Record<string, string>,
  base: Base,
): CallEvent | null {
  switch (name) {
    case UserEventName.digit:
      return { ...base, type: 'digit', digit: fields.digit ?? '', play: play(fields), recovered: false };
    case UserEventName.repeat:
      return { ...base, type: 'repeat', play: play(fields) };
    case UserEventName.amd:
      return {
        ...base,
        type: 'machine',
        verdict: machineVerdict(fields.status ?? ''),
        detail: fields.cause ?? '',
      };
    case UserEventName.messageLeft:
      return { ...base, type: 'messageLeft' };
    case UserEventName.holding:
      return { ...base, type: 'holding', digit: fields.digit ?? '' };
    case UserEventName.told:
      return { ...base, type: 'told' };
    case UserEventName.played:
      return { ...base, type: 'played' };
    case UserEventName.gathered:
      return {
        ...base,
        type: 'gathered',
        digits: (fields.digits ?? '').replace(/[^0-9*#]/g, ''),
        complete: fields.status === 'OK',
      };
    case UserEventName.recorded:
      return {
        ...base,
        type: 'recorded',
        recording: fields.recording ?? '',
        endedBy: RECORD_ENDS[fields.status ?? ''] ?? 'error',
      };
    default:
      return null;
  }
}

const SERVICES: readonly string[] = ['sos', 'hotline'] satisfies InboundService[];

/** The dialplan's LinliInbound as an inbound call; null when it names a service linli does not have. */
export function inboundOfUserEvent(
  name: string,
  fields: Record<string, string>,
  base: Base,
): InboundCall | null {
  if (name !== UserEventName.inbound) return null;
  const service = fields.service ?? '';
  if (!SERVICES.includes(service)) return null;
  return {
    callId: base.callId,
    server: base.server,
    service: service as InboundService,
    caller: fields.caller ?? '',
    called: fields.called ?? '',
    recording: fields.recording || undefined,
    at: base.at,
  };
}
