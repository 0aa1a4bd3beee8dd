import type { AmiMessage } from './ami-connection';

/**
 * The AMI events linli acts on, validated. Anything else is ignored. `linkedId`: the first channel of
 * the call a channel belongs to (a page's speaker channels carry the page's).
 */
export type AmiEvent =
  | { kind: 'newchannel'; uniqueId: string; channel: string; state: number; linkedId?: string }
  | { kind: 'newstate'; uniqueId: string; channel: string; state: number; linkedId?: string }
  | { kind: 'hangup'; uniqueId: string; channel: string; cause: number; linkedId?: string }
  | { kind: 'dtmf'; uniqueId: string; digit: string }
  | { kind: 'user'; uniqueId: string; name: string; fields: Record<string, string> }
  | { kind: 'originate-response'; actionId: string; success: boolean; reason: number; uniqueId: string }
  | { kind: 'bridge-enter'; uniqueId: string; bridgeId: string }
  | { kind: 'core-show-channel'; uniqueId: string; channel: string; state: number; actionId: string }
  | { kind: 'core-show-channels-complete'; actionId: string }
  /** A device's state changed, or one line of a DeviceStateList (then with its ActionID). */
  | { kind: 'device-state'; device: string; state: string; actionId: string | null }
  | { kind: 'device-state-list-complete'; actionId: string };

export type AmiEventParse = { ok: true; event: AmiEvent | null } | { ok: false; reason: string };

/** Channel states Asterisk reports (ast_channel_state). */
export const ChannelState = { RINGING: 5, UP: 6 } as const;

const AMI_HEADERS = new Set([
  'event',
  'privilege',
  'channel',
  'channelstate',
  'channelstatedesc',
  'calleridnum',
  'calleridname',
  'connectedlinenum',
  'connectedlinename',
  'language',
  'accountcode',
  'context',
  'exten',
  'priority',
  'uniqueid',
  'linkedid',
  'userevent',
  'systemname',
]);

const DTMF_DIGIT = /^[0-9*#A-D]$/;

function need(msg: AmiMessage, key: string): string {
  const value = msg[key];
  if (value === undefined || value === '') throw new Error(`${msg.event ?? 'event'} without ${key}`);
  return value;
}

function int(msg: AmiMessage, key: string): number {
  const value = Number(need(msg, key));
  if (!Number.isInteger(value)) throw new Error(`${msg.event} has non-numeric ${key}: ${msg[key]}`);
  return value;
}

/** Validates one AMI event; a malformed event is reported, never acted on half-read. */
export function parseAmiEvent(msg: AmiMessage): AmiEventParse {
  try {
    return { ok: true, event: parse(msg) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

function parse(msg: AmiMessage): AmiEvent | null {
  switch (msg.event?.toLowerCase()) {
    case 'newchannel':
      return {
        kind: 'newchannel',
        uniqueId: need(msg, 'uniqueid'),
        channel: need(msg, 'channel'),
        state: int(msg, 'channelstate'),
        linkedId: msg.linkedid,
      };
    case 'newstate':
      return {
        kind: 'newstate',
        uniqueId: need(msg, 'uniqueid'),
        channel: need(msg, 'channel'),
        state: int(msg, 'channelstate'),
        linkedId: msg.linkedid,
      };
    case 'hangup':
      return {
        kind: 'hangup',
        uniqueId: need(msg, 'uniqueid'),
        channel: need(msg, 'channel'),
        cause: int(msg, 'cause'),
        linkedId: msg.linkedid,
      };
    case 'dtmfend': {
      if (msg.direction !== 'Received') return null;
      const digit = need(msg, 'digit');
      if (!DTMF_DIGIT.test(digit)) throw new Error(`DTMFEnd with invalid digit ${digit}`);
      return { kind: 'dtmf', uniqueId: need(msg, 'uniqueid'), digit };
    }
    case 'userevent': {
      const fields: Record<string, string> = {};
      for (const [key, value] of Object.entries(msg)) if (!AMI_HEADERS.has(key)) fields[key] = value;
      return { kind: 'user', uniqueId: need(msg, 'uniqueid'), name: need(msg, 'userevent'), fields };
    }
    case 'originateresponse':
      return {
        kind: 'originate-response',
        actionId: need(msg, 'actionid'),
        success: need(msg, 'response') === 'Success',
        reason: Number(msg.reason ?? 0) || 0,
        uniqueId: msg.uniqueid ?? '',
      };
    case 'bridgeenter':
      return { kind: 'bridge-enter', uniqueId: need(msg, 'uniqueid'), bridgeId: need(msg, 'bridgeuniqueid') };
    case 'coreshowchannel':
      return {
        kind: 'core-show-channel',
        uniqueId: need(msg, 'uniqueid'),
        channel: need(msg, 'channel'),
        state: int(msg, 'channelstate'),
        actionId: need(msg, 'actionid'),
      };
    case 'coreshowchannelscomplete':
      return { kind: 'core-show-channels-complete', actionId: need(msg, 'actionid') };
    case 'devicestatechange':
      return {
        kind: 'device-state',
        device: need(msg, 'device'),
        state: need(msg, 'state'),
        actionId: msg.actionid ?? null,
      };
    case 'devicestatelistcomplete':
      return { kind: 'device-state-list-complete', actionId: need(msg, 'actionid') };
    default:
      return null;
  }
}
