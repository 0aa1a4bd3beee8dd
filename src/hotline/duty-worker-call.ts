import { speak } from '../telephony/prompt';
import type { NotifyRequest } from '../telephony/verbs/notify';

/** How long the worker who pressed 1 is held for the bridge. */
const HOLD_MAX_MS = 60_000;

/** The duty worker's call for an urgent hotline call: 1 connects them to the caller at once. */
export function dutyWorkerNotify(
  base: Pick<NotifyRequest, 'callId' | 'trunk' | 'destination' | 'callerId' | 'ringTimeoutMs'>,
): NotifyRequest {
  return {
    ...base,
    prompt: [speak('便民热线紧急来电：有居民报告危及生命财产安全的紧急情况。按1立即与来电人通话。')],
    choices: [{ digit: '1', label: '立即接通来电人', hold: true }],
    maxPlays: 2,
    digitTimeoutMs: 5000,
    holdMaxMs: HOLD_MAX_MS,
    machineDetection: 'off',
  };
}
