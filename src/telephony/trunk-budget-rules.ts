import type { TrunkConfig } from '../config/telephony-config';
import { InvalidCallRequest } from './errors/invalid-call-request';
import { NotDialled } from './errors/not-dialled';

/**
 * What a call is for, most important first. Campaign calls never wait for a channel in the budget: on a
 * full trunk their job is delayed and comes back; which campaign's call goes first (emergency ones before
 * normal ones) is the campaign queue's order.
 */
export type CallPriority = 'sos' | 'hotline' | 'escalation' | 'campaign';

/** Waiting calls are served by this rank, then by arrival; 0 (SOS) never waits. */
export function priorityRank(priority: CallPriority): number {
  return { sos: 0, hotline: 1, escalation: 2, campaign: 3 }[priority];
}

/** The channels a call of this priority may find busy and still take one: SOS ones may use the reserved channels. */
export function channelLimit(trunk: TrunkConfig, priority: CallPriority): number {
  return priority === 'sos' ? trunk.channels : trunk.channels - trunk.reserved;
}

/**
 * Calls being placed (by any process) split by what this process's engine view shows: a call whose
 * channel shows already counts among the engine's channels, so it must not count twice. The call asking
 * is left out (it never counts against itself).
 */
export function classifyPlacing(
  members: readonly string[],
  self: string,
  isLive: (callId: string) => boolean,
): { shown: string[]; placing: string[] } {
  const shown: string[] = [];
  const placing: string[] = [];
  for (const id of members) {
    if (id === self) continue;
    (isLive(id) ? shown : placing).push(id);
  }
  return { shown, placing };
}

/** Whether an originate that threw this certainly placed nothing (so its channel is free again). */
export function wasNotPlaced(error: unknown): boolean {
  return error instanceof NotDialled || error instanceof InvalidCallRequest;
}

/** A call this process took a channel for, until it ends, its channel shows, or it is given back. */
export interface OwnPlacing {
  trunk: string;
  takenAt: number;
  /** Last time its entry in Redis was pushed forward. */
  refreshedAt: number;
  /** False once its channel shows (the engine counts it) or it was placing for too long: it then lapses. */
  refreshing: boolean;
}

export interface PlacingUpkeep {
  /** Entries to push forward, per trunk. */
  refresh: Map<string, string[]>;
  /** Calls whose channel shows: the engine counts them now, their entry may lapse. */
  shown: string[];
  /** Calls placing for longer than any originate takes: an originate whose failure nobody reported. */
  overdue: string[];
  /** Calls whose entry has lapsed in Redis: nothing more to do for them. */
  lapsed: string[];
}

/**
 * The placing process's heartbeat: it keeps its own entries alive while their originate is under way, so
 * a crashed process's entries lapse within `ttlMs` while a slow originate (prompt rendering, a busy
 * engine) still counts until its channel shows.
 */
export function placingUpkeep(
  own: ReadonlyMap<string, OwnPlacing>,
  now: number,
  limits: { ttlMs: number; maxPlacingMs: number },
  isLive: (callId: string) => boolean,
): PlacingUpkeep {
  const upkeep: PlacingUpkeep = { refresh: new Map(), shown: [], overdue: [], lapsed: [] };
  for (const [callId, entry] of own) {
    if (!entry.refreshing) {
      if (now - entry.refreshedAt > limits.ttlMs) upkeep.lapsed.push(callId);
    } else if (isLive(callId)) {
      upkeep.shown.push(callId);
    } else if (now - entry.takenAt > limits.maxPlacingMs) {
      upkeep.overdue.push(callId);
    } else {
      const ids = upkeep.refresh.get(entry.trunk) ?? [];
      ids.push(callId);
      upkeep.refresh.set(entry.trunk, ids);
    }
  }
  return upkeep;
}

/** What the take script decided (src/telephony/trunk-budget-take.lua). */
export type TakeReply =
  /** Counted as placing; `inUse` is what the trunk held before it (at or over the limit: an SOS call must free one). */
  | { kind: 'taken'; inUse: number; members: string[] }
  /** Queued behind the trunk's use and the waiting calls ahead of it. */
  | { kind: 'wait'; inUse: number; members: string[] }
  /** No channel free for a call that asked without queueing (a campaign call); nothing counted. */
  | { kind: 'full'; inUse: number; members: string[] }
  /** Calls being placed this process had not classified yet: classify `members` and ask again. */
  | { kind: 'unknown'; members: string[] };

export function parseTakeReply(reply: unknown): TakeReply {
  if (!Array.isArray(reply) || reply.length < 2) throw new Error('trunk budget: malformed take reply');
  const [kind, inUse, ...members] = reply as unknown[];
  const ids = members.map(String);
  if (kind === 'unknown') return { kind, members: ids };
  if ((kind === 'taken' || kind === 'wait' || kind === 'full') && typeof inUse === 'number')
    return { kind, inUse, members: ids };
  throw new Error(`trunk budget: unexpected take reply ${String(kind)}`);
}
