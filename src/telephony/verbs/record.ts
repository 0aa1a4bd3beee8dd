import type { Prompt } from '../prompt';

/**
 * Record what a live caller says (after an optional prompt and a beep) until the finish key, silence,
 * the time limit or hang-up; event `recorded` with the recording's name in linli's media folder.
 */
export interface RecordRequest {
  prompt?: Prompt;
  /** The recording's name in linli's media folder, without extension, e.g. recordings/case-123. */
  name: string;
  maxDurationMs: number;
  /** Stop after this much silence; 0 never stops for silence. */
  silenceMs: number;
  beep: boolean;
}
