import { ContentValidationError, type ContentProblem } from './content-error';
import { contentKeyword } from './content-fields';
import { FieldCursor } from './field-cursor';
import type { CardFrame, CardFrameHeader } from './frame';
import type { CardMessage, CardMessageDecodeResult, HeartbeatHealth } from './message-types';
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

const HEALTH_FIELDS = [
  { name: 'steps', range: { min: 0 } },
  { name: 'rolls', range: { min: 0 } },
  { name: 'battery', range: { min: 0, max: 100 } },
] as const;

/**
 * `LK` alone, or `LK,steps,rolls,battery`; firmwares append more (ignored) or leave fields empty.
 * A heartbeat always counts: a field that cannot be read is left out, never the frame.
 */
function decodeHeartbeat(header: CardFrameHeader, fields: string[]): CardMessage {
  if (fields.length === 0) return { kind: 'heartbeat', header };
  const health: HeartbeatHealth = {};
  const dropped: ContentProblem[] = [];
  HEALTH_FIELDS.forEach(({ name, range }, i) => {
    const cursor = new FieldCursor(fields.slice(i, i + 1), 'LK');
    if (cursor.remaining === 0) return;
    try {
      const value = cursor.optionalInt(name, range);
      if (value !== undefined) health[name] = value;
    } catch (error) {
      if (!(error instanceof ContentValidationError)) throw error;
      dropped.push(error.problem);
    }
  });
  return {
    kind: 'heartbeat',
    header,
    ...(Object.keys(health).length > 0 ? { health } : {}),
    ...(dropped.length > 0 ? { droppedFields: dropped } : {}),
  };
}
