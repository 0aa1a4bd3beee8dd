import type { SayRequest } from '../../verbs/say';
import { Context, Variable } from '../dialplan-contract';
import type { PromptPaths } from '../prompt-paths';
import type { LiveCallStep } from './live-call-step';

export async function sayStep(request: SayRequest, paths: PromptPaths): Promise<LiveCallStep> {
  return { context: Context.say, variables: { [Variable.verbPrompt]: await paths.playable(request.prompt) } };
}
