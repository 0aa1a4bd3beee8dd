import type { Prompt } from '../prompt';

/** Play to a live call that linli controls (an answered inbound call); event `played`, then it waits. */
export interface SayRequest {
  prompt: Prompt;
}
