import { InvalidCallRequest } from '../../errors/invalid-call-request';
import { PAGE_ID_OVERHEAD, PAGE_TARGET_BUDGET, SPEAKER_ID, type PageRequest } from '../../verbs/page';
import { Variable } from '../dialplan-contract';
import { seconds } from './live-call-step';

/** linli-page's variables: every speaker's dial string, paged at once. */
export function pageVariables(request: PageRequest): Record<string, string> {
  if (request.speakers.length === 0) throw new InvalidCallRequest('page: no speakers');
  const bad = request.speakers.find((id) => !SPEAKER_ID.test(id));
  if (bad !== undefined) throw new InvalidCallRequest(`page: "${bad}" is not a speaker id`);
  // AMI refuses a line over 1 KB: the targets travel in one Variable line.
  const size = request.speakers.reduce((sum, id) => sum + id.length + PAGE_ID_OVERHEAD, 0);
  if (size > PAGE_TARGET_BUDGET) throw new InvalidCallRequest('page: too many speakers for one page');
  return {
    [Variable.pageTargets]: request.speakers.map((id) => `PJSIP/${id}`).join('&'),
    [Variable.pageTimeout]: seconds(request.timeoutMs),
  };
}
