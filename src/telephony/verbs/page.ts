import type { Prompt } from '../prompt';

/** A speaker id names the speaker to every engine (a SIP endpoint, a device): letters, digits, _ and -. */
export const SPEAKER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Page a set of loudspeakers at once and play a message on all of them. */
export interface PageRequest {
  callId?: string;
  /** linli's speaker ids (each a registered SIP speaker of that name). */
  speakers: readonly string[];
  prompt: Prompt;
  /** How long to wait for the speakers to answer. */
  timeoutMs: number;
}
