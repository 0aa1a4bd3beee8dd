import type { Prompt } from '../prompt';

/**
 * One level of a keypad menu on a live call: play the prompt, collect keys until `maxDigits`, the
 * finish key or the timeout; event `gathered`. A menu of several levels is several gathers.
 */
export interface GatherRequest {
  prompt: Prompt;
  maxDigits: number;
  /** How long to wait for the first key after the prompt (and between keys). # ends input early. */
  timeoutMs: number;
}
