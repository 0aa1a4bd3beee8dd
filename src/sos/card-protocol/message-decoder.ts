import { ContentValidationError } from './content-error';
import { contentKeyword } from './content-fields';
import { FieldCursor } from './field-cursor';
import type { CardFrame, CardFrameHeader } from './frame';
import type { CardMessage, CardMessageDecodeResult } from './message-types';
import { decodePositionFields } from './position-decoder';

const POSITION_KEYWORD = /^(UD|WT)[0-9A-Z_]*$/;
/** AL plus vendor variants such as AL_LTE or ALCUSTOMER1, all answered with a bare AL. */
const ALARM_KEYWORD = /^AL[0-9A-Z_]*$/;
const COMMAND_ACK_KEYWORDS = new Set(['CR', 'SOS', 'SOS1', 'SOS2', 'SOS3', 'PHB', 'PHB2', 'UPLOAD']);

export function isAlarmKeyword(keyword: string): boolean {
  return ALARM_KEYWORD.test(keyword);
}

/** Turns a frame into a typed message; malformed content yields the problem instead of throwing. */
export function decodeCardMessage(frame: CardFrame): CardMessageDecodeResult {
  const header: CardFrameHeader = { vendor: frame.vendor, deviceId: frame.deviceId };
  if (frame.index !== undefined) header.index = frame.index;
  const keyword = contentKeyword(frame.content);
  try {
    return { ok: true, message: decodeByKeyword(header, keyword, frame.content) };
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    return { ok: false, header, keyword, problem: error.problem, content: frame.content };
  }
}

function textFields(content: Buffer, keyword: string): string[] {
  if (content.length === keyword.length) return [];
  return content.toString('utf8', keyword.length + 1).split(',');
}

function decodeByKeyword(header: CardFrameHeader, keyword: string, content: Buffer): CardMessage {
  if (keyword === 'LK') return decodeHeartbeat(header, textFields(content, keyword));
  if (keyword === 'INIT') return { kind: 'init', header, fields: textFields(content, keyword) };
  if (POSITION_KEYWORD.test(keyword)) {
    return {
      kind: 'position',
      header,
      keyword,
      report: decodePositionFields(keyword, textFields(content, keyword)),
    };
  }
  if (ALARM_KEYWORD.test(keyword)) {
    return {
      kind: 'alarm',
      header,
      keyword,
      report: decodePositionFields(keyword, textFields(content, keyword)),
    };
  }
  if (COMMAND_ACK_KEYWORDS.has(keyword)) {
    return { kind: 'command-ack', header, keyword, fields: textFields(content, keyword) };
  }
  return { kind: 'other', header, keyword, content };
}

/** `LK` alone, or `LK,steps,rolls,battery` (some firmwares append more; those are ignored). */
function decodeHeartbeat(header: CardFrameHeader, fields: string[]): CardMessage {
  if (fields.length === 0) return { kind: 'heartbeat', header };
  const cursor = new FieldCursor(fields, 'LK');
  return {
    kind: 'heartbeat',
    header,
    health: {
      steps: cursor.int('steps', { min: 0 }),
      rolls: cursor.int('rolls', { min: 0 }),
      battery: cursor.int('battery', { min: 0, max: 100 }),
    },
  };
}
