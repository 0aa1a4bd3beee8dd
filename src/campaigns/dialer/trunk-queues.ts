import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TrunkConfig } from '../../config/telephony-config';
import { campaignJobId, campaignQueueName, type CampaignCallJob } from './campaign-job';

export interface QueuedAttempt {
  job: CampaignCallJob;
  /** BullMQ priority, see `jobPriority`. */
  priority: number;
  delayMs: number;
}

/**
 * Completed jobs are removed so the same job id can be queued again (resume, reconciler): the database,
 * not the queue, says whether an attempt is still to be made. Failed jobs are logged by the worker and
 * removed for the same reason; the reconciler queues the household again.
 */
const JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: true,
};

const ADD_CHUNK = 500;

/** The per-trunk campaign queues, with each trunk's channel count as BullMQ's global concurrency. */
export class TrunkQueues {
  private readonly queues = new Map<string, Queue<CampaignCallJob>>();
  private readonly limited = new Map<string, Promise<void>>();

  constructor(
    private readonly connection: Redis,
    private readonly prefix: string,
    private readonly trunks: readonly TrunkConfig[],
  ) {}

  has(name: string): boolean {
    return this.trunks.some((t) => t.name === name);
  }

  trunk(name: string): TrunkConfig {
    const trunk = this.trunks.find((t) => t.name === name);
    if (!trunk) throw new Error(`trunk "${name}" is not configured in TRUNKS`);
    return trunk;
  }

  /** Every trunk in TRUNKS, in its order. */
  configured(): readonly TrunkConfig[] {
    return this.trunks;
  }

  /** The trunk and the others of its group: the queues a campaign on it may have jobs in. */
  groupOf(name: string): TrunkConfig[] {
    const trunk = this.trunk(name);
    return trunk.group === undefined ? [trunk] : this.trunks.filter((t) => t.group === trunk.group);
  }

  queue(trunk: string): Queue<CampaignCallJob> {
    let queue = this.queues.get(trunk);
    if (!queue) {
      queue = new Queue<CampaignCallJob>(campaignQueueName(this.trunk(trunk).name), {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: JOB_OPTIONS,
      });
      this.queues.set(trunk, queue);
    }
    return queue;
  }

  /**
   * All campaigns and all worker processes together never hold more jobs active on a trunk than it has
   * channels, and each active job holds at most one call.
   */
  applyTrunkLimit(trunk: string): Promise<void> {
    let applied = this.limited.get(trunk);
    if (!applied) {
      applied = this.queue(trunk)
        // The trunk's reserved channels are for SOS calls: campaigns together never take them.
        .setGlobalConcurrency(this.trunk(trunk).channels - this.trunk(trunk).reserved)
        .then(() => undefined);
      this.limited.set(trunk, applied);
    }
    return applied;
  }

  async enqueue(trunk: string, attempts: readonly QueuedAttempt[]): Promise<void> {
    await this.applyTrunkLimit(trunk);
    const queue = this.queue(trunk);
    for (let i = 0; i < attempts.length; i += ADD_CHUNK) {
      await queue.addBulk(
        attempts.slice(i, i + ADD_CHUNK).map(({ job, priority, delayMs }) => ({
          name: 'dial',
          data: job,
          opts: {
            jobId: campaignJobId(job.targetId, job.attemptNo),
            priority,
            delay: Math.max(0, Math.round(delayMs)),
          },
        })),
      );
    }
  }

  /** Removes queued (not running) jobs; a running job sees the campaign's state when it looks. */
  async remove(trunk: string, jobIds: readonly string[]): Promise<void> {
    const queue = this.queue(trunk);
    for (let i = 0; i < jobIds.length; i += ADD_CHUNK) {
      await Promise.all(jobIds.slice(i, i + ADD_CHUNK).map((id) => queue.remove(id)));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
