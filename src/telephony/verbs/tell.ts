import type { Prompt } from '../prompt';

/**
 * Play something to a call held after a notify (e.g. where to go, when the elder has hung up), then end
 * it. Event `told` when it starts.
 */
export interface TellRequest {
  prompt: Prompt;
}
