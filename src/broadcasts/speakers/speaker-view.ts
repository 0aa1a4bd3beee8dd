import type { Speaker } from '../../generated/prisma/client';
import { priorityOf } from '../broadcast-record';
import { isOnline } from './speaker-health';

/** A speaker as the API shows it, its health judged now. */
export function speakerView(speaker: Speaker, nowMs: number, heartbeatTimeoutMs: number) {
  return {
    id: speaker.id,
    name: speaker.name,
    areaId: speaker.areaId,
    villageId: speaker.villageId,
    zoneId: speaker.zoneId,
    latitude: speaker.latitude,
    longitude: speaker.longitude,
    kind: speaker.kind === 'SIP' ? ('sip' as const) : ('mqtt' as const),
    endpoint: speaker.endpoint,
    volume: speaker.volume,
    priorityFloor: priorityOf(speaker.priorityFloor),
    online: isOnline(speaker, nowMs, heartbeatTimeoutMs),
    lastSeenAt: speaker.lastSeenAt,
  };
}
