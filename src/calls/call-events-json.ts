import { z } from 'zod';
import { VersionedJson, VersionedJsonList } from '../db/versioned-json';
import type { CallEvent } from '../telephony/call-events';
import { classifyCallEnd } from '../telephony/q850';

/**
 * How Call.events is stored, version by version: one entry per call event, appended by whichever
 * deploy saw it, so each entry carries its version and an old call keeps its history readable.
 */

const at = z.iso.datetime();

/** Version 1: the AMI-shaped events of the first telephony port (dialplan UserEvents as `user`). */
const eventV1 = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ringing'), at }),
  z.object({ type: z.literal('answered'), at }),
  z.object({ type: z.literal('dtmf'), at, digit: z.string() }),
  z.object({ type: z.literal('user'), at, name: z.string(), fields: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal('bridged'), at, bridgeId: z.string() }),
  z.object({
    type: z.literal('hangup'),
    at,
    cause: z.number().int(),
    answered: z.boolean().default(false),
    unknown: z.boolean().default(false),
  }),
]);
type EventV1 = z.output<typeof eventV1>;

/** Version 2: the port's call events (src/telephony/call-events.ts) without callId and server. */
const eventV2 = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ringing'), at }),
  z.object({ type: z.literal('answered'), at }),
  z.object({ type: z.literal('tone'), at, digit: z.string() }),
  z.object({
    type: z.literal('digit'),
    at,
    digit: z.string(),
    play: z.number().int(),
    recovered: z.boolean(),
  }),
  z.object({ type: z.literal('repeat'), at, play: z.number().int() }),
  z.object({
    type: z.literal('machine'),
    at,
    verdict: z.enum(['machine', 'human', 'unsure']),
    detail: z.string(),
  }),
  z.object({ type: z.literal('messageLeft'), at }),
  z.object({ type: z.literal('holding'), at, digit: z.string() }),
  z.object({ type: z.literal('told'), at }),
  z.object({ type: z.literal('played'), at }),
  z.object({ type: z.literal('gathered'), at, digits: z.string(), complete: z.boolean() }),
  z.object({
    type: z.literal('recorded'),
    at,
    recording: z.string(),
    endedBy: z.enum(['key', 'silence', 'time-limit', 'hangup', 'error']),
  }),
  z.object({ type: z.literal('bridged'), at, bridgeId: z.string() }),
  z.object({ type: z.literal('speakerAnswered'), at, speaker: z.string() }),
  z.object({
    type: z.literal('speakerEnded'),
    at,
    speaker: z.string(),
    answered: z.boolean(),
    q850: z.number().int(),
  }),
  z.object({
    type: z.literal('ended'),
    at,
    cause: z.enum([
      'answered',
      'busy',
      'no-answer',
      'rejected',
      'invalid-number',
      'congestion',
      'failed',
      'unknown',
    ]),
    q850: z.number().int(),
    answered: z.boolean(),
  }),
  /** A version 1 dialplan event with no port event of its own, kept as it was so the history stays whole. */
  z.object({ type: z.literal('note'), at, name: z.string(), fields: z.record(z.string(), z.string()) }),
]);

/** One entry of a call's event log. */
export type StoredCallEvent = z.output<typeof eventV2>;

/**
 * Version 1 logged the engine's own events by name; the one that reported the menu's answer was the only
 * one whose name ends in Digit (the holding event carries a digit too, but is not the answer).
 */
const ANSWER_EVENT = /Digit$/;

function upgradeEvent(event: EventV1): StoredCallEvent {
  switch (event.type) {
    case 'dtmf':
      return { type: 'tone', at: event.at, digit: event.digit };
    case 'user':
      return ANSWER_EVENT.test(event.name)
        ? { type: 'digit', at: event.at, digit: event.fields.digit ?? '', ...digitFields(event.fields) }
        : { type: 'note', at: event.at, name: event.name, fields: event.fields };
    case 'hangup':
      return {
        type: 'ended',
        at: event.at,
        cause: classifyCallEnd(event.answered, event.cause, event.unknown),
        q850: event.cause,
        answered: event.answered,
      };
    default:
      return event;
  }
}

/** The answer event's Play field counted from 1; `recovered` was a field of the same event. */
function digitFields(fields: Record<string, string>): { play: number; recovered: boolean } {
  const play = Number(fields.play);
  return { play: Number.isInteger(play) && play > 0 ? play : 1, recovered: fields.recovered === 'true' };
}

export const callEventsJson = new VersionedJsonList<StoredCallEvent>(
  VersionedJson.first('Call.events', eventV1).next(eventV2, upgradeEvent),
);

/**
 * A port event as the log keeps it. Typed against the schema, so an event the port gains without a
 * schema here fails to compile rather than being written unreadable.
 */
export function storedCallEvent({
  callId: _callId,
  server: _server,
  at,
  ...fields
}: CallEvent): StoredCallEvent {
  return { ...fields, at: at.toISOString() };
}
