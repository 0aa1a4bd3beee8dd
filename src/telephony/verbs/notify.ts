import type { Prompt } from '../prompt';

/** A key the person may press, and what it means (for logs and for drivers that speak the menu). */
interface NotifyChoice {
  digit: string;
  label: string;
  /** Keep the call up after this key, waiting for a bridge or a tell (SOS "press 1 to be connected"). */
  hold?: boolean;
}

/** What to do when machine detection hears an answering machine. */
export type MachineDetection = 'off' | 'leave-message' | 'hang-up';

/**
 * Call a number, play a message and ask for one key. Events: ringing, answered, machine, messageLeft,
 * repeat, digit, holding, ended.
 */
export interface NotifyRequest {
  /** linli's id for the call. Generated when absent. */
  callId?: string;
  trunk: string;
  /** Number to dial (E.164 with or without '+', or national digits). */
  destination: string;
  callerId?: string;
  ringTimeoutMs: number;
  prompt: Prompt;
  /** Keys that count as an answer. An empty list only plays the message. */
  choices: readonly NotifyChoice[];
  /** Replays the message (its own event, never an answer). */
  repeatDigit?: string;
  /** How often the message may be played in all (1 + repeats); one more play when nothing was pressed. */
  maxPlays: number;
  /** How long to wait for a key after the message. */
  digitTimeoutMs: number;
  /** Played after an answer that does not hold the call. */
  acknowledgement?: Prompt;
  machineDetection: MachineDetection;
  /** How long a held call waits for a bridge or a tell before the engine ends it. */
  holdMaxMs?: number;
}
