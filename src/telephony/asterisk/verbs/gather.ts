import { InvalidCallRequest } from '../../errors/invalid-call-request';
import type { GatherRequest } from '../../verbs/gather';
import { Context, Variable } from '../dialplan-contract';
import type { PromptPaths } from '../prompt-paths';
import { seconds, type LiveCallStep } from './live-call-step';

/** Read() takes at most 255 digits. */
const MAX_DIGITS = 255;

export async function gatherStep(request: GatherRequest, paths: PromptPaths): Promise<LiveCallStep> {
  if (!Number.isInteger(request.maxDigits) || request.maxDigits < 1 || request.maxDigits > MAX_DIGITS) {
    throw new InvalidCallRequest(`gather: maxDigits must be 1 to ${MAX_DIGITS}`);
  }
  return {
    context: Context.gather,
    variables: {
      [Variable.verbPrompt]: await paths.playable(request.prompt),
      [Variable.gatherMaxDigits]: String(request.maxDigits),
      [Variable.gatherTimeout]: seconds(request.timeoutMs),
    },
  };
}
