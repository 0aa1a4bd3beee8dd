import type { Broadcast, BroadcastPriority } from '../generated/prisma/client';
import type { BroadcastDefinition } from './domain/broadcast-definition';
import type { Priority } from './domain/priority';

export const PRIORITY_COLUMN: Record<Priority, BroadcastPriority> = {
  normal: 'NORMAL',
  important: 'IMPORTANT',
  emergency: 'EMERGENCY',
};

export function priorityOf(column: BroadcastPriority): Priority {
  return column === 'EMERGENCY' ? 'emergency' : column === 'IMPORTANT' ? 'important' : 'normal';
}

/** The columns a definition is stored in (no JSON: every part has a column of its own). */
export function broadcastColumns(definition: BroadcastDefinition) {
  const { schedule, content, targets } = definition;
  return {
    title: definition.title,
    priority: PRIORITY_COLUMN[definition.priority],
    text: content.kind === 'tts' ? content.text : null,
    audioFileId: content.kind === 'audio' ? content.audioFileId : null,
    chime: definition.chime,
    repeat: definition.repeat,
    drill: definition.drill,
    villageIds: targets.villageIds,
    gridIds: targets.gridIds,
    zoneIds: targets.zoneIds,
    speakerIds: targets.speakerIds,
    startAt: schedule.kind === 'at' ? schedule.at : schedule.kind === 'recurring' ? schedule.startAt : null,
    cron: schedule.kind === 'recurring' ? schedule.cron : null,
    endAt: schedule.kind === 'recurring' ? schedule.endAt : null,
    skipHolidays: schedule.kind === 'recurring' && schedule.skipHolidays,
    validSeconds: Math.round(definition.validMinutes * 60),
  };
}

/** A stored broadcast read back as the definition it was made from. */
export function definitionOf(row: Broadcast): BroadcastDefinition {
  return {
    title: row.title,
    priority: priorityOf(row.priority),
    content:
      row.audioFileId !== null
        ? { kind: 'audio', audioFileId: row.audioFileId }
        : { kind: 'tts', text: row.text ?? '' },
    chime: row.chime,
    repeat: row.repeat,
    drill: row.drill,
    targets: {
      villageIds: row.villageIds,
      gridIds: row.gridIds,
      zoneIds: row.zoneIds,
      speakerIds: row.speakerIds,
    },
    schedule:
      row.cron !== null && row.endAt !== null
        ? {
            kind: 'recurring',
            cron: row.cron,
            startAt: row.startAt,
            endAt: row.endAt,
            skipHolidays: row.skipHolidays,
          }
        : row.startAt !== null
          ? { kind: 'at', at: row.startAt }
          : { kind: 'now' },
    validMinutes: row.validSeconds / 60,
  };
}
