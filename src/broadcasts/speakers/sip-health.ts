import type { Db } from '../../db/client';
import type { CallControl } from '../../telephony/call-control';
import type { SpeakerReachability } from '../../telephony/verbs/page';

/**
 * What the engine's verdict on a SIP speaker makes of its row: reachable is online and seen now,
 * unreachable is offline; unknown (not checked) is not held against a speaker.
 */
export function sipPresence(
  reachability: SpeakerReachability,
  nowMs: number,
): { online: boolean; lastSeenAt?: Date } {
  if (reachability === 'reachable') return { online: true, lastSeenAt: new Date(nowMs) };
  return { online: reachability === 'unknown' };
}

/**
 * A SIP speaker's presence as the engine sees it now, for a speaker being registered: offline when
 * the engine cannot say (not connected), until its next check.
 */
export async function sipPresenceNow(
  calls: CallControl,
  endpoint: string,
): Promise<{ online: boolean; lastSeenAt?: Date }> {
  if (!calls.speakerReachability) return sipPresence('unknown', Date.now());
  const states = await calls.speakerReachability([endpoint]).catch(() => null);
  if (!states) return { online: false };
  return sipPresence(states[endpoint] ?? 'unknown', Date.now());
}

/** Records the engine's verdicts on SIP speakers, one statement per verdict. */
export async function recordSipReachability(
  db: Db,
  states: Readonly<Record<string, SpeakerReachability>>,
  nowMs: number,
): Promise<void> {
  const verdicts: SpeakerReachability[] = ['reachable', 'unknown', 'unreachable'];
  for (const verdict of verdicts) {
    const endpoints = Object.keys(states).filter((e) => states[e] === verdict);
    if (endpoints.length === 0) continue;
    await db.speaker.updateMany({
      where: { kind: 'SIP', endpoint: { in: endpoints } },
      data: sipPresence(verdict, nowMs),
    });
  }
}

/**
 * Asks the engine which SIP speakers it reaches (its OPTIONS qualification) and records it.
 * Returns the states by endpoint.
 */
export async function refreshSipHealth(
  db: Db,
  calls: CallControl,
  endpoints: readonly string[],
  nowMs: number,
): Promise<Record<string, SpeakerReachability>> {
  if (endpoints.length === 0 || !calls.speakerReachability) return {};
  const states = await calls.speakerReachability(endpoints);
  await recordSipReachability(db, states, nowMs);
  return states;
}
