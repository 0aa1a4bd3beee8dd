import type { Platform } from '../app/platform-types';
import type { Env } from '../config/env';
import type { TrunkConfig } from '../config/telephony-config';
import type { InboundCall } from '../telephony/call-events';
import { DEFAULT_SAME_PRESS_WINDOW_MS } from './domain';

/** How an installation (or a test) runs the SOS capability; every field has a default. */
export interface SosOptions {
  /** Trunk the contacts are called on; default the first of TRUNKS. */
  trunk?: string;
  /** The number the telephony engine answers as the SOS service; every card dials it first. */
  platformSosNumber?: string;
  /** Caller id the contacts see; default the SOS number, so they know the call before answering. */
  callerId?: string;
  /** How long after one half of an SOS press (call or alarm frame) the other still joins its incident. */
  samePressWindowMs?: number;
  /** The clock of every SOS rule (tests pass their own). */
  now?: () => number;
  /** Overrides CARD_GATEWAY_PORT; 0 takes any free port. */
  gatewayPort?: number;
  /** How often the inactivity sweep runs; 0 schedules none (it can still be run by hand). */
  inactivityEveryMs?: number;
  /** When an inactivity alert call is first looked at, and how often after that. */
  inactivityFirstCheckMs?: number;
  inactivityRecheckMs?: number;
  /**
   * How long after its ring timeout a contact call is first checked for an end nobody saw (the
   * worker that placed it died); then every 30 s while it lasts.
   */
  callCheckAfterRingMs?: number;
  /**
   * An SOS call from a number no card has, after it is logged for the dispatcher: the hotline opens an
   * urgent case with its recording (wired in src/app/capabilities.ts).
   */
  onUnknownCaller?: (platform: Platform, call: InboundCall) => Promise<void>;
}

export type ResolvedSosOptions = Required<Omit<SosOptions, 'callerId' | 'onUnknownCaller'>> & {
  callerId: string;
  onUnknownCaller: SosOptions['onUnknownCaller'];
  trunkConfig: TrunkConfig;
};

export function resolveSosOptions(
  options: SosOptions,
  env: Pick<Env, 'TRUNKS' | 'CARD_GATEWAY_PORT'>,
): ResolvedSosOptions {
  const trunkName = options.trunk ?? env.TRUNKS[0]?.name;
  const trunkConfig = env.TRUNKS.find((t) => t.name === trunkName);
  if (!trunkConfig) {
    throw new Error(
      `SOS trunk "${trunkName ?? ''}" is not among TRUNKS (${env.TRUNKS.map((t) => t.name).join(', ')})`,
    );
  }
  const platformSosNumber = options.platformSosNumber ?? '96500';
  return {
    trunk: trunkConfig.name,
    trunkConfig,
    platformSosNumber,
    callerId: options.callerId ?? platformSosNumber,
    samePressWindowMs: options.samePressWindowMs ?? DEFAULT_SAME_PRESS_WINDOW_MS,
    now: options.now ?? Date.now,
    gatewayPort: options.gatewayPort ?? env.CARD_GATEWAY_PORT,
    inactivityEveryMs: options.inactivityEveryMs ?? 5 * 60_000,
    inactivityFirstCheckMs: options.inactivityFirstCheckMs ?? 45_000,
    inactivityRecheckMs: options.inactivityRecheckMs ?? 10_000,
    callCheckAfterRingMs: options.callCheckAfterRingMs ?? 90_000,
    onUnknownCaller: options.onUnknownCaller,
  };
}
