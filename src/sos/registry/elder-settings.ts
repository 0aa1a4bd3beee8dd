import {
  DEFAULT_ESCALATION_SETTINGS,
  DEFAULT_INACTIVITY_SETTINGS,
  type EscalationMode,
  type EscalationSettings,
  type InactivitySettings,
} from '../domain';
import { parseTimeOfDay } from '../../time/shanghai-clock';
import type { FieldProblem } from '../../validation/field-problem';

/**
 * Per-elder settings as the API takes them and Elder.settings stores them, in the units the
 * people who fill them in think in (seconds, minutes). Every field is optional: a missing one
 * means the default.
 */
export interface ElderSettingsInput {
  escalation?: {
    mode?: EscalationMode;
    rounds?: number;
    ringTimeoutSeconds?: number;
    pauseBetweenRoundsSeconds?: number;
  };
  inactivity?: {
    enabled?: boolean;
    maxDistanceM?: number;
    periodMinutes?: number;
    daytime?: { from: string; to: string };
    heartbeatTimeoutMinutes?: number;
    cooldownMinutes?: number;
  };
  alarms?: Partial<CardAlarmSettings>;
}

/** What a card's alarms other than SOS (which always opens an incident) set off. */
export interface CardAlarmSettings {
  /** A fall the card detected opens an incident, as an SOS press does. */
  fall: boolean;
  /** The card taken off sends someone to look in, as the inactivity alert does. */
  takenOff: boolean;
  /** The card switched off sends someone to look in, as the inactivity alert does. */
  powerOff: boolean;
}

export const DEFAULT_CARD_ALARM_SETTINGS: CardAlarmSettings = { fall: true, takenOff: true, powerOff: true };

export interface ElderSettings {
  escalation: EscalationSettings;
  inactivity: InactivitySettings & { enabled: boolean };
  alarms: CardAlarmSettings;
}

/** The settings with every field filled in, as the API shows them. */
export interface ElderSettingsView {
  escalation: Required<NonNullable<ElderSettingsInput['escalation']>>;
  inactivity: Required<NonNullable<ElderSettingsInput['inactivity']>>;
  alarms: CardAlarmSettings;
}

const SECOND = 1000;
const MINUTE = 60_000;

/**
 * The settings the rules run with. Elder.settings is written only through the API, which validates
 * it, so anything unexpected found there is a default rather than an error: an SOS must never
 * fail because of a settings typo.
 */
export function resolveElderSettings(stored: unknown): ElderSettings {
  const input = isObject(stored) ? (stored as ElderSettingsInput) : {};
  const e = isObject(input.escalation) ? input.escalation : {};
  const i = isObject(input.inactivity) ? input.inactivity : {};
  const a = isObject(input.alarms) ? input.alarms : {};
  const d = DEFAULT_INACTIVITY_SETTINGS;
  const daytime =
    isObject(i.daytime) && daytimeProblem(i.daytime) === null
      ? { from: i.daytime.from, to: i.daytime.to }
      : d.daytime;
  return {
    escalation: {
      mode: e.mode === 'parallel' || e.mode === 'sequential' ? e.mode : DEFAULT_ESCALATION_SETTINGS.mode,
      rounds: positive(e.rounds) ?? DEFAULT_ESCALATION_SETTINGS.rounds,
      ringTimeoutMs: scaled(e.ringTimeoutSeconds, SECOND) ?? DEFAULT_ESCALATION_SETTINGS.ringTimeoutMs,
      pauseBetweenRoundsMs:
        scaled(e.pauseBetweenRoundsSeconds, SECOND, true) ?? DEFAULT_ESCALATION_SETTINGS.pauseBetweenRoundsMs,
    },
    inactivity: {
      enabled: typeof i.enabled === 'boolean' ? i.enabled : true,
      maxDistanceM: positive(i.maxDistanceM) ?? d.maxDistanceM,
      periodMs: scaled(i.periodMinutes, MINUTE) ?? d.periodMs,
      daytime,
      heartbeatTimeoutMs: scaled(i.heartbeatTimeoutMinutes, MINUTE) ?? d.heartbeatTimeoutMs,
      cooldownMs: scaled(i.cooldownMinutes, MINUTE, true) ?? d.cooldownMs,
    },
    alarms: {
      fall: flag(a.fall) ?? DEFAULT_CARD_ALARM_SETTINGS.fall,
      takenOff: flag(a.takenOff) ?? DEFAULT_CARD_ALARM_SETTINGS.takenOff,
      powerOff: flag(a.powerOff) ?? DEFAULT_CARD_ALARM_SETTINGS.powerOff,
    },
  };
}

export function elderSettingsView(settings: ElderSettings): ElderSettingsView {
  const { escalation: e, inactivity: i, alarms } = settings;
  return {
    escalation: {
      mode: e.mode,
      rounds: e.rounds,
      ringTimeoutSeconds: e.ringTimeoutMs / SECOND,
      pauseBetweenRoundsSeconds: e.pauseBetweenRoundsMs / SECOND,
    },
    inactivity: {
      enabled: i.enabled,
      maxDistanceM: i.maxDistanceM,
      periodMinutes: i.periodMs / MINUTE,
      daytime: { ...i.daytime },
      heartbeatTimeoutMinutes: i.heartbeatTimeoutMs / MINUTE,
      cooldownMinutes: i.cooldownMs / MINUTE,
    },
    alarms: { ...alarms },
  };
}

/** Problems the JSON schema cannot express; field paths as the client sent them. */
export function elderSettingsProblems(input: ElderSettingsInput): FieldProblem[] {
  const daytime = input.inactivity?.daytime;
  const problem = daytime ? daytimeProblem(daytime) : null;
  return problem ? [{ field: 'inactivity.daytime', reason: problem }] : [];
}

function daytimeProblem(daytime: { from?: unknown; to?: unknown }): string | null {
  const from = typeof daytime.from === 'string' ? parseTimeOfDay(daytime.from) : null;
  const to = typeof daytime.to === 'string' ? parseTimeOfDay(daytime.to) : null;
  if (from === null || to === null) return 'from and to must be HH:MM on a 24-hour clock';
  if (from >= to) return 'from must be before to (the window cannot span midnight)';
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flag(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

function positive(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function scaled(value: unknown, unitMs: number, zeroAllowed = false): number | null {
  if (zeroAllowed && value === 0) return 0;
  const v = positive(value);
  return v === null ? null : v * unitMs;
}
