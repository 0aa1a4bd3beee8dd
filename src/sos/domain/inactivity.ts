import { contactsInCallingOrder, type SosContact } from './contacts';
import { haversineMetres, type LatLon } from './geo';
import { parseTimeOfDay, shanghaiDayStartMs, shanghaiMinuteOfDay } from '../../time/shanghai-clock';

export interface InactivitySettings {
  /** Staying within this distance of where the period began counts as not moving. */
  maxDistanceM: number;
  /** How long the elder must stay still before someone is sent. */
  periodMs: number;
  /** Local (China Standard Time) hours when checks run, "HH:MM"; `from` before `to`. */
  daytime: { from: string; to: string };
  /** A card silent for longer than this has lost contact. */
  heartbeatTimeoutMs: number;
  /** No new alert this soon after the last one. */
  cooldownMs: number;
}

export const DEFAULT_INACTIVITY_SETTINGS: InactivitySettings = {
  maxDistanceM: 100,
  periodMs: 4 * 3_600_000,
  daytime: { from: '08:00', to: '20:00' },
  heartbeatTimeoutMs: 60 * 60_000,
  cooldownMs: 4 * 3_600_000,
};

export interface PositionSample extends LatLon {
  at: number;
}

export interface InactivityInput {
  positions: readonly PositionSample[];
  /** When the card was last heard from at all; null if never. */
  lastHeartbeatAt: number | null;
  lastAlertAt: number | null;
  contacts: readonly SosContact[];
}

export type InactivityDecision =
  | { decision: 'alert'; kind: 'no_movement' | 'no_heartbeat'; since: number; call: SosContact[] }
  | {
      decision: 'none';
      reason:
        | 'cooling_down'
        | 'outside_daytime'
        | 'never_heard'
        | 'period_starts_before_daytime'
        | 'no_history'
        | 'moved';
    };

/**
 * Whether someone should go and look in on the elder. Only daytime stillness counts, because
 * elders sleep at night: the whole period must fall within today's daytime window. A card that
 * reports positions only when it moves sends none while the elder is still, so a quiet period
 * with heartbeats is stillness. Family are called first, then the grid worker; cadres are not.
 * Throws RangeError for a daytime window that is not "HH:MM" to a later "HH:MM".
 */
export function checkInactivity(
  input: InactivityInput,
  settings: InactivitySettings,
  now: number,
): InactivityDecision {
  const { from, to } = daytimeMinutes(settings.daytime);
  if (input.lastAlertAt !== null && now - input.lastAlertAt < settings.cooldownMs) {
    return { decision: 'none', reason: 'cooling_down' };
  }
  const minute = shanghaiMinuteOfDay(now);
  if (minute < from || minute >= to) return { decision: 'none', reason: 'outside_daytime' };
  if (input.lastHeartbeatAt === null) return { decision: 'none', reason: 'never_heard' };

  const call = contactsInCallingOrder(input.contacts).filter(
    (c) => c.role !== 'cadre' && c.phones.length > 0,
  );
  if (now - input.lastHeartbeatAt > settings.heartbeatTimeoutMs) {
    return { decision: 'alert', kind: 'no_heartbeat', since: input.lastHeartbeatAt, call };
  }

  const periodStart = now - settings.periodMs;
  if (periodStart < shanghaiDayStartMs(now) + from * 60_000) {
    return { decision: 'none', reason: 'period_starts_before_daytime' };
  }
  const anchor = input.positions
    .filter((p) => p.at <= periodStart)
    .reduce<PositionSample | null>((latest, p) => (latest === null || p.at > latest.at ? p : latest), null);
  if (!anchor) return { decision: 'none', reason: 'no_history' };
  const moved = input.positions.some(
    (p) => p.at > periodStart && p.at <= now && haversineMetres(anchor, p) > settings.maxDistanceM,
  );
  if (moved) return { decision: 'none', reason: 'moved' };
  return { decision: 'alert', kind: 'no_movement', since: periodStart, call };
}

function daytimeMinutes(daytime: InactivitySettings['daytime']): { from: number; to: number } {
  const from = parseTimeOfDay(daytime.from);
  const to = parseTimeOfDay(daytime.to);
  if (from === null || to === null || from >= to) {
    throw new RangeError(`daytime window ${daytime.from}–${daytime.to} must be HH:MM to a later HH:MM`);
  }
  return { from, to };
}
