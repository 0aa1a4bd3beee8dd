import type { TellRequest } from '../../verbs/tell';
import { Context, Variable } from '../dialplan-contract';
import type { PromptPaths } from '../prompt-paths';
import type { LiveCallStep } from './live-call-step';

export async function tellStep(request: TellRequest, paths: PromptPaths): Promise<LiveCallStep> {
  return {
    context: Context.tell,
    variables: { [Variable.verbPrompt]: await paths.playable(request.prompt) },
  };
}
