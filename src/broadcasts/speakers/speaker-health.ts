/** What linli knows of a speaker's reachability. */
export interface SpeakerPresenceFacts {
  kind: 'SIP' | 'MQTT';
  online: boolean;
  lastSeenAt: Date | null;
}

/**
 * Whether a speaker counts as online now: it said so (its retained presence, or the engine's contact
 * check for a SIP speaker) and, for an MQTT speaker, its last heartbeat is recent: a speaker whose 4G
 * link died without its last will reaching the broker goes quiet rather than offline.
 */
export function isOnline(speaker: SpeakerPresenceFacts, nowMs: number, heartbeatTimeoutMs: number): boolean {
  if (!speaker.online) return false;
  if (speaker.kind === 'SIP') return true;
  return speaker.lastSeenAt !== null && nowMs - speaker.lastSeenAt.getTime() <= heartbeatTimeoutMs;
}
