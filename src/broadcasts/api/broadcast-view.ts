import type { Broadcast, BroadcastDelivery, Speaker } from '../../generated/prisma/client';
import { priorityOf } from '../broadcast-record';

type DeliveryRow = BroadcastDelivery & { speaker: Pick<Speaker, 'name' | 'kind'> };

/** A broadcast as the API shows it, with its per-speaker report. */
export function broadcastView(broadcast: Broadcast, deliveries: DeliveryRow[]) {
  const summary: Record<string, number> = {};
  for (const d of deliveries) summary[d.state] = (summary[d.state] ?? 0) + 1;
  return {
    id: broadcast.id,
    title: broadcast.title,
    priority: priorityOf(broadcast.priority),
    status: broadcast.status as 'scheduled' | 'playing' | 'done' | 'cancelled',
    text: broadcast.text,
    audioFileId: broadcast.audioFileId,
    chime: broadcast.chime,
    repeat: broadcast.repeat,
    drill: broadcast.drill,
    startAt: broadcast.startAt,
    cron: broadcast.cron,
    endAt: broadcast.endAt,
    skipHolidays: broadcast.skipHolidays,
    validMinutes: broadcast.validSeconds / 60,
    alertIdentifier: broadcast.alertIdentifier,
    createdAt: broadcast.createdAt,
    summary,
    deliveries: deliveries.map((d) => ({
      speakerId: d.speakerId,
      speakerName: d.speaker.name,
      kind: d.speaker.kind === 'SIP' ? ('sip' as const) : ('mqtt' as const),
      occurrence: d.occurrence,
      state: d.state as 'pending' | 'sent' | 'playing' | 'finished' | 'failed' | 'preempted',
      reason: d.reason,
      attempts: d.attempts,
      startedAt: d.startedAt,
      secondsPlayed: d.secondsPlayed,
    })),
  };
}
