import { Job, type Queue } from 'bullmq';
import type { CampaignRecord } from '../campaign-record';
import type { CampaignCallJob } from './campaign-job';
import { sleep, type DialerDeps } from './dialer-deps';

/** Frees the campaign's channel and wakes one job parked at the campaign's cap. */
export async function releaseChannel(
  deps: Pick<DialerDeps, 'leases' | 'queues'>,
  campaign: CampaignRecord,
  callId: string,
): Promise<void> {
  let parked = await deps.leases.release(campaign.id, callId);
  // A job that went out on another trunk of the group while the campaign's server was down parks there.
  const queues = deps.queues.groupOf(campaign.trunk).map((trunk) => deps.queues.queue(trunk.name));
  for (let tries = 0; parked !== null && tries < 10; tries++) {
    if (await promoteParked(queues, parked)) return;
    parked = await deps.leases.nextParked(campaign.id);
  }
}

/**
 * Moves a parked job from delayed to waiting. A job parks itself a moment after the lease script put it
 * on the list, so an active one is given that moment; a job that has gone (removed, run) is skipped.
 */
async function promoteParked(queues: readonly Queue<CampaignCallJob>[], jobId: string): Promise<boolean> {
  for (let look = 0; look < 5; look++) {
    const job = await findJob(queues, jobId);
    const state = job ? await job.getState() : 'unknown';
    if (job && state === 'delayed') {
      await job.promote().catch(() => undefined);
      return true;
    }
    if (state !== 'active') return false;
    await sleep(20);
  }
  return false;
}

async function findJob(
  queues: readonly Queue<CampaignCallJob>[],
  jobId: string,
): Promise<Job<CampaignCallJob> | undefined> {
  for (const queue of queues) {
    const job = await Job.fromId<CampaignCallJob>(queue, jobId);
    if (job) return job;
  }
  return undefined;
}
