import type { TrunkConfig } from '../../config/telephony-config';
import type { CallControl } from '../../telephony/call-control';
import { trunkForAttempt } from '../domain';
import type { TrunkQueues } from './trunk-queues';

/** The trunk a campaign's calls go out on now: its own, or another of its group while its server is down. */
export function callingTrunk(calls: CallControl, queues: TrunkQueues, campaignTrunk: string): TrunkConfig {
  const up = new Set(calls.status().flatMap((s) => (s.connected ? [s.server] : [])));
  return trunkForAttempt(queues.trunk(campaignTrunk), queues.configured(), (server) => up.has(server));
}
