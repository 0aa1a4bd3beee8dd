import type { Db } from '../../db/client';
import type { CallControl } from '../../telephony/call-control';
import type { SpeakerReachability } from '../../telephony/verbs/page';

/**
 * Asks the engine which SIP speakers it reaches (its OPTIONS qualification) and records it: reachable
 * is online and seen now, unreachable is offline; unknown (not qualified) is not held against a speaker.
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
  const byState = (wanted: SpeakerReachability) => endpoints.filter((e) => states[e] === wanted);
  await db.speaker.updateMany({
    where: { kind: 'SIP', endpoint: { in: byState('reachable') } },
    data: { online: true, lastSeenAt: new Date(nowMs) },
  });
  await db.speaker.updateMany({
    where: { kind: 'SIP', endpoint: { in: byState('unknown') } },
    data: { online: true },
  });
  await db.speaker.updateMany({
    where: { kind: 'SIP', endpoint: { in: byState('unreachable') } },
    data: { online: false },
  });
  return states;
}
