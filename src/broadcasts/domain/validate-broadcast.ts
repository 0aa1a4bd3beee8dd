import type { FieldProblem } from '../../validation/field-problem';
import type { BroadcastContent, BroadcastDefinition, BroadcastTargets } from './broadcast-definition';
import type { Priority } from './priority';
import { inQuietHours, type QuietHours } from './quiet-hours';
import { readSchedule, type ScheduleInput } from './schedule';

/** A broadcast as a cadre sends it (after the JSON schema's type checks). */
export interface BroadcastRequest {
  title?: string;
  priority?: Priority;
  content: { text?: string; audioFileId?: string };
  chime?: boolean;
  repeat?: number;
  drill?: boolean;
  targets: { villages?: string[]; grids?: string[]; zones?: string[]; speakers?: string[] };
  schedule?: ScheduleInput;
  validMinutes?: number;
}

/** What the request's references are, looked up within the caller's area; absent ones are unknown. */
export interface ReferenceFacts {
  /** Villages and grids by the id or code the request used. */
  areas: ReadonlyMap<string, { id: string; level: string }>;
  zones: ReadonlySet<string>;
  speakers: ReadonlySet<string>;
  /** Whether content.audioFileId names an uploaded recording (null when none was named). */
  audioFound: boolean | null;
}

const MAX_TEXT_LENGTH = 1000;
const DEFAULT_VALID_MINUTES = { normal: 30, important: 30, emergency: 60 } as const;

function checkContent(content: BroadcastRequest['content'], facts: ReferenceFacts, problems: FieldProblem[]) {
  const text = content.text?.trim() ?? '';
  if (content.text !== undefined && content.audioFileId !== undefined) {
    problems.push({ field: 'content', reason: 'give either text or audioFileId, not both' });
    return null;
  }
  if (content.audioFileId !== undefined) {
    if (facts.audioFound === false) {
      problems.push({
        field: 'content.audioFileId',
        reason: 'no uploaded recording with this id (upload a WAV first)',
      });
      return null;
    }
    return { kind: 'audio', audioFileId: content.audioFileId } satisfies BroadcastContent;
  }
  if (text === '') {
    problems.push({
      field: 'content.text',
      reason: 'empty: give the text to speak or an uploaded recording',
    });
    return null;
  }
  if (text.length > MAX_TEXT_LENGTH) {
    problems.push({ field: 'content.text', reason: `longer than ${MAX_TEXT_LENGTH} characters` });
    return null;
  }
  return { kind: 'tts', text } satisfies BroadcastContent;
}

function checkAreas(
  field: 'villages' | 'grids',
  level: string,
  names: string[],
  facts: ReferenceFacts,
  problems: FieldProblem[],
): string[] {
  const ids: string[] = [];
  names.forEach((name, i) => {
    const area = facts.areas.get(name);
    if (!area || area.level !== level) {
      problems.push({
        field: `targets.${field}[${i}]`,
        reason: `no ${level.toLowerCase()} "${name}" in your area`,
      });
    } else ids.push(area.id);
  });
  return ids;
}

function checkListed(
  field: 'zones' | 'speakers',
  ids: string[],
  known: ReadonlySet<string>,
  problems: FieldProblem[],
): string[] {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) problems.push({ field: `targets.${field}[${i}]`, reason: `"${id}" is listed twice` });
    else if (!known.has(id)) {
      problems.push({
        field: `targets.${field}[${i}]`,
        reason: `no ${field.slice(0, -1)} "${id}" in your area`,
      });
    }
    seen.add(id);
  });
  return [...seen];
}

/**
 * Every problem with a broadcast request at once, or its definition. Pure: the references were looked up
 * by the caller, and `nowMs` is the clock's.
 */
export function validateBroadcast(
  request: BroadcastRequest,
  facts: ReferenceFacts,
  nowMs: number,
  quiet: QuietHours,
): { definition: BroadcastDefinition | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const priority = request.priority ?? 'normal';
  const content = checkContent(request.content, facts, problems);
  const t = request.targets;
  const targets: BroadcastTargets = {
    villageIds: checkAreas('villages', 'VILLAGE', t.villages ?? [], facts, problems),
    gridIds: checkAreas('grids', 'GRID', t.grids ?? [], facts, problems),
    zoneIds: checkListed('zones', t.zones ?? [], facts.zones, problems),
    speakerIds: checkListed('speakers', t.speakers ?? [], facts.speakers, problems),
  };
  const named = ['villages', 'grids', 'zones', 'speakers'] as const;
  if (named.every((k) => (t[k] ?? []).length === 0)) {
    problems.push({ field: 'targets', reason: 'name at least one village, grid, zone or speaker' });
  }
  const repeat = request.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 3) {
    problems.push({ field: 'repeat', reason: 'must be 1, 2 or 3' });
  }
  const { schedule, problems: scheduleProblems } = readSchedule(request.schedule, nowMs);
  problems.push(...scheduleProblems);
  if (schedule && schedule.kind !== 'recurring' && priority === 'normal') {
    const at = schedule.kind === 'at' ? schedule.at.getTime() : nowMs;
    if (inQuietHours(at, quiet)) {
      problems.push({
        field: schedule.kind === 'at' ? 'schedule.at' : 'priority',
        reason: 'a normal broadcast cannot play in quiet hours; choose another time or priority important',
      });
    }
  }
  if (problems.length > 0 || !content || !schedule) return { definition: null, problems };
  const title = request.title?.trim() || (content.kind === 'tts' ? content.text.slice(0, 30) : '录音广播');
  return {
    definition: {
      title,
      priority,
      content,
      chime: request.chime ?? priority !== 'normal',
      repeat,
      drill: request.drill ?? false,
      targets,
      schedule,
      validMinutes: request.validMinutes ?? DEFAULT_VALID_MINUTES[priority],
    },
    problems,
  };
}
