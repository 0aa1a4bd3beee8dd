import { InvalidCallRequest } from '../../errors/invalid-call-request';
import type { RecordRequest } from '../../verbs/record';
import { Context, Variable } from '../dialplan-contract';
import type { PromptPaths } from '../prompt-paths';
import { seconds, type LiveCallStep } from './live-call-step';

/** A name inside linli's media folder: no way out of it, nothing the dialplan would read as syntax. */
const RECORDING_NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/i;

export async function recordStep(request: RecordRequest, paths: PromptPaths): Promise<LiveCallStep> {
  if (!RECORDING_NAME.test(request.name)) {
    throw new InvalidCallRequest(`record: "${request.name}" is not a recording name (a-z, 0-9, - and /)`);
  }
  return {
    context: Context.record,
    variables: {
      [Variable.verbPrompt]: await paths.playable(request.prompt ?? []),
      [Variable.recordName]: request.name,
      [Variable.recordMaxSeconds]: seconds(request.maxDurationMs),
      [Variable.recordSilenceSeconds]: request.silenceMs > 0 ? seconds(request.silenceMs) : '0',
      [Variable.recordBeep]: request.beep ? '1' : '0',
    },
  };
}
