import type { NotifyRequest } from '../../verbs/notify';
import { AmdMode, Variable } from '../dialplan-contract';
import type { PromptPaths } from '../prompt-paths';
import { seconds } from './live-call-step';

/** How long a held call waits when the request does not say. */
const DEFAULT_HOLD_MS = 60_000;

/** linli-notify's channel variables for a notify request. */
export async function notifyVariables(
  request: NotifyRequest,
  paths: PromptPaths,
): Promise<Record<string, string>> {
  const [prompt, ack] = await Promise.all([
    paths.playable(request.prompt),
    paths.playable(request.acknowledgement ?? []),
  ]);
  return {
    [Variable.prompt]: prompt,
    [Variable.digits]: request.choices.map((c) => c.digit).join(''),
    [Variable.repeatDigit]: request.repeatDigit ?? '',
    [Variable.maxPlays]: String(request.maxPlays),
    [Variable.digitTimeout]: seconds(request.digitTimeoutMs),
    [Variable.holdDigits]: request.choices
      .filter((c) => c.hold)
      .map((c) => c.digit)
      .join(''),
    [Variable.holdMax]: seconds(request.holdMaxMs ?? DEFAULT_HOLD_MS),
    [Variable.ackPrompt]: ack,
    [Variable.amd]: AmdMode[request.machineDetection],
  };
}
