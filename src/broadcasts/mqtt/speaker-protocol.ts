import { SPEAKER_ID } from '../../telephony/verbs/page';
import { InvalidSpeakerMessage } from './invalid-speaker-message';
import { PayloadReader, type Parsed } from './payload-reader';

/**
 * The MQTT protocol between linli and 4G loudspeakers. linli publishes commands; each speaker
 * publishes its presence (retained, with `offline` as its last will), heartbeats and a status for
 * every delivery. Builders are strict (linli never sends a malformed command); parsers are liberal
 * (a firmware's quirks are accepted, garbage is refused with the reason, nothing throws).
 */

const SPEAKER_PROTOCOL_VERSION = 1;
/** Commands and statuses are delivered at least once; both sides act on a deliveryId idempotently. */
export const SPEAKER_MESSAGE_QOS = 1;

const TOPIC_ROOT = 'linli/speakers';
const CHANNELS = ['command', 'status', 'online', 'heartbeat'] as const;
export type SpeakerChannel = (typeof CHANNELS)[number];

/** The topics of one speaker; throws InvalidSpeakerMessage for an id that is not a speaker id. */
export function speakerTopics(deviceId: string): Record<SpeakerChannel, string> {
  if (!SPEAKER_ID.test(deviceId)) throw new InvalidSpeakerMessage(`not a speaker device id: "${deviceId}"`);
  const at = (channel: SpeakerChannel) => `${TOPIC_ROOT}/${deviceId}/${channel}`;
  return { command: at('command'), status: at('status'), online: at('online'), heartbeat: at('heartbeat') };
}

/** What linli subscribes to: every speaker's reports. */
export const SPEAKER_REPORT_SUBSCRIPTIONS: readonly string[] = (
  ['status', 'online', 'heartbeat'] as const
).map((channel) => `${TOPIC_ROOT}/+/${channel}`);

/** Which speaker and channel a topic belongs to, or null for a topic that is not the protocol's. */
export function parseSpeakerTopic(topic: string): { deviceId: string; channel: SpeakerChannel } | null {
  const parts = topic.split('/');
  if (parts.length !== 4 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT) return null;
  const [, , deviceId = '', channel = ''] = parts;
  const known = CHANNELS.find((c) => c === channel);
  if (!SPEAKER_ID.test(deviceId) || known === undefined) return null;
  return { deviceId, channel: known };
}

const BROADCAST_PRIORITIES = ['normal', 'important', 'emergency'] as const;
export type BroadcastPriority = (typeof BROADCAST_PRIORITIES)[number];

/** Play the audio at audioUrl once, unless it is past expiresAt; a newer play of higher priority preempts it. */
export interface PlayCommand {
  type: 'play';
  deliveryId: string;
  broadcastId: string;
  audioUrl: string;
  /** Lower-case hex SHA-256 of the audio file; the speaker refuses audio that does not match. */
  sha256: string;
  priority: BroadcastPriority;
  /** 0-100. */
  volume: number;
  expiresAt: Date;
}

/** Stop the delivery if it is playing (the speaker reports `stopped`). */
interface StopCommand {
  type: 'stop';
  deliveryId: string;
}

export type SpeakerCommand = PlayCommand | StopCommand;

const DELIVERY_STATES = ['started', 'finished', 'refused', 'failed', 'stopped'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface SpeakerStatus {
  deliveryId: string;
  state: DeliveryState;
  at: Date;
  /** With finished and stopped: how long it actually played. */
  secondsPlayed?: number;
  /** With refused and failed (and sometimes stopped): the device's words for why. */
  reason?: string;
}

export interface SpeakerHeartbeat {
  at: Date;
}

export type SpeakerPresence = 'online' | 'offline';

/** deliveryId and broadcastId: what linli generates (uuids, cuids, numbers) fits in this. */
const DELIVERY_ID = /^[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_REASON_LENGTH = 200;
const MAX_SECONDS_PLAYED = 24 * 3600;

/** The JSON linli publishes on a speaker's command topic. */
export function buildSpeakerCommand(command: SpeakerCommand): string {
  const fail = (reason: string): never => {
    throw new InvalidSpeakerMessage(`${command.type} command: ${reason}`);
  };
  if (!DELIVERY_ID.test(command.deliveryId)) fail(`deliveryId "${command.deliveryId}" is not an identifier`);
  if (command.type === 'stop') {
    return JSON.stringify({ v: SPEAKER_PROTOCOL_VERSION, type: 'stop', deliveryId: command.deliveryId });
  }
  if (command.type !== 'play') return fail('unknown command type');
  if (!DELIVERY_ID.test(command.broadcastId))
    fail(`broadcastId "${command.broadcastId}" is not an identifier`);
  if (!isHttpUrl(command.audioUrl)) fail(`audioUrl "${command.audioUrl}" is not an http(s) URL`);
  if (!SHA256_HEX.test(command.sha256)) fail('sha256 must be 64 lower-case hex digits');
  if (!BROADCAST_PRIORITIES.includes(command.priority)) fail(`unknown priority "${command.priority}"`);
  if (!Number.isInteger(command.volume) || command.volume < 0 || command.volume > 100) {
    fail(`volume must be a whole number from 0 to 100, got ${command.volume}`);
  }
  if (Number.isNaN(command.expiresAt.getTime())) fail('expiresAt is not a valid date');
  return JSON.stringify({
    v: SPEAKER_PROTOCOL_VERSION,
    type: 'play',
    deliveryId: command.deliveryId,
    broadcastId: command.broadcastId,
    audioUrl: command.audioUrl,
    sha256: command.sha256,
    priority: command.priority,
    volume: command.volume,
    expiresAt: command.expiresAt.toISOString(),
  });
}

/** A speaker's reading of a command (the simulator's, and any device-side code's). */
export function parseSpeakerCommand(payload: Buffer | string): Parsed<SpeakerCommand> {
  const reader = PayloadReader.open(payload);
  if (!(reader instanceof PayloadReader)) return { ok: false, problems: [reader] };
  reader.version(SPEAKER_PROTOCOL_VERSION);
  const type = reader.oneOf('type', ['play', 'stop'] as const);
  const deliveryId = reader.id('deliveryId', DELIVERY_ID);
  // A missing or unknown type is already a problem: the rest is not worth reading.
  if (type !== 'play') return reader.result<SpeakerCommand>({ type: 'stop', deliveryId: deliveryId ?? '' });
  const broadcastId = reader.id('broadcastId', DELIVERY_ID);
  const audioUrl = reader.id('audioUrl', /^https?:\/\/\S+$/i);
  const sha256 = reader.id('sha256', /^[0-9a-fA-F]{64}$/)?.toLowerCase();
  const priority = reader.oneOf('priority', BROADCAST_PRIORITIES);
  const volume = reader.optionalNumber('volume', 0, 100);
  const expiresAt = reader.instant('expiresAt');
  return reader.result<SpeakerCommand>({
    type,
    deliveryId: deliveryId ?? '',
    broadcastId: broadcastId ?? '',
    audioUrl: audioUrl ?? '',
    sha256: sha256 ?? '',
    priority: priority ?? 'normal',
    volume: Math.round(volume ?? 100),
    expiresAt: expiresAt ?? new Date(0),
  });
}

/** The JSON a speaker publishes on its status topic (the simulator's side). */
export function buildSpeakerStatus(status: SpeakerStatus): string {
  if (!DELIVERY_ID.test(status.deliveryId)) {
    throw new InvalidSpeakerMessage(`status: deliveryId "${status.deliveryId}" is not an identifier`);
  }
  return JSON.stringify({
    v: SPEAKER_PROTOCOL_VERSION,
    deliveryId: status.deliveryId,
    state: status.state,
    at: status.at.toISOString(),
    ...(status.secondsPlayed === undefined ? {} : { secondsPlayed: status.secondsPlayed }),
    ...(status.reason === undefined ? {} : { reason: status.reason }),
  });
}

/** linli's reading of a speaker's status report. */
export function parseSpeakerStatus(payload: Buffer | string): Parsed<SpeakerStatus> {
  const reader = PayloadReader.open(payload);
  if (!(reader instanceof PayloadReader)) return { ok: false, problems: [reader] };
  reader.version(SPEAKER_PROTOCOL_VERSION);
  const deliveryId = reader.id('deliveryId', DELIVERY_ID);
  const state = reader.oneOf('state', DELIVERY_STATES);
  const at = reader.instant('at');
  const secondsPlayed = reader.optionalNumber('secondsPlayed', 0, MAX_SECONDS_PLAYED);
  const reason = reader.optionalText('reason', MAX_REASON_LENGTH);
  return reader.result<SpeakerStatus>({
    deliveryId: deliveryId ?? '',
    state: state ?? 'failed',
    at: at ?? new Date(0),
    ...(secondsPlayed === undefined ? {} : { secondsPlayed }),
    ...(reason === undefined ? {} : { reason }),
  });
}

export function buildSpeakerHeartbeat(heartbeat: SpeakerHeartbeat): string {
  return JSON.stringify({ v: SPEAKER_PROTOCOL_VERSION, at: heartbeat.at.toISOString() });
}

/** A heartbeat proves the speaker is alive even when its clock is wrong; `at` is its own clock. */
export function parseSpeakerHeartbeat(payload: Buffer | string): Parsed<SpeakerHeartbeat> {
  const reader = PayloadReader.open(payload);
  if (!(reader instanceof PayloadReader)) return { ok: false, problems: [reader] };
  reader.version(SPEAKER_PROTOCOL_VERSION);
  const at = reader.instant('at');
  return reader.result<SpeakerHeartbeat>({ at: at ?? new Date(0) });
}

/**
 * `online` / `offline`, in any case; some firmwares publish `1`/`0`, `true`/`false` or a JSON object
 * with a `status`/`state` field. An empty retained payload clears the topic: the speaker is unknown.
 */
export function parseSpeakerPresence(payload: Buffer | string): Parsed<SpeakerPresence> {
  const text = (typeof payload === 'string' ? payload : payload.toString('utf8')).trim();
  if (text.length > 256)
    return { ok: false, problems: [{ field: '(payload)', reason: 'too long for a presence' }] };
  const word = presenceWord(text);
  if (word === 'online' || word === '1' || word === 'true') return { ok: true, value: 'online' };
  if (word === 'offline' || word === '0' || word === 'false') return { ok: true, value: 'offline' };
  return {
    ok: false,
    problems: [{ field: '(payload)', reason: `expected online or offline (got "${text.slice(0, 40)}")` }],
  };
}

function presenceWord(text: string): string {
  if (!text.startsWith('{')) return text.replace(/^"|"$/g, '').toLowerCase();
  try {
    const object = JSON.parse(text) as Record<string, unknown>;
    const value = object.status ?? object.state ?? object.online;
    return String(value).toLowerCase();
  } catch {
    return '';
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
