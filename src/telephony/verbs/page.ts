import type { Prompt } from '../prompt';

/** A speaker id names the speaker to every engine (a SIP endpoint, a device): letters, digits, _ and -. */
export const SPEAKER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Whether the engine can reach a speaker now, from its own checks (SIP OPTIONS qualification):
 * `unknown` when it does not check that speaker or has never heard of it.
 */
export type SpeakerReachability = 'reachable' | 'unreachable' | 'unknown';

/**
 * How many speakers one page may carry: their ids, each counted with PAGE_ID_OVERHEAD more characters,
 * add up to at most this (an engine passes the targets in one line of its control protocol). Page
 * more speakers in several pages.
 */
export const PAGE_TARGET_BUDGET = 900;
export const PAGE_ID_OVERHEAD = 8;

/** Page a set of loudspeakers at once and play a message on all of them. */
export interface PageRequest {
  callId?: string;
  /** linli's speaker ids (each a registered SIP speaker of that name). */
  speakers: readonly string[];
  prompt: Prompt;
  /** How long to wait for the speakers to answer. */
  timeoutMs: number;
}
