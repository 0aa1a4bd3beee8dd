import type { Db } from '../db/client';
import { ConflictError, NotFoundError } from '../directory/errors';
import type { CampaignStatus } from '../generated/prisma/client';
import { loadCampaign, type CampaignRecord } from './campaign-record';
import { completeIfDone } from './dialer/campaign-completion';
import { campaignJobId, jobPriority } from './dialer/campaign-job';
import type { ChannelLeases } from './dialer/channel-leases';
import type { TrunkQueues } from './dialer/trunk-queues';

/** Statuses whose households are queued. */
const QUEUEING: CampaignStatus[] = ['RUNNING', 'SCHEDULED'];

/**
 * Pause, resume and cancel, and the reconciler. The database is the source of truth: the queue only holds
 * jobs for households the database says are pending, and anything missing from it is queued again.
 */
export class CampaignControl {
  constructor(
    private readonly db: Db,
    private readonly queues: TrunkQueues,
    private readonly leases: ChannelLeases,
  ) {}

  /** No new calls; calls in progress finish and are recorded. */
  async pause(id: string): Promise<CampaignRecord> {
    const campaign = await this.transition(id, QUEUEING, 'PAUSED', 'paused');
    await this.unqueue(campaign);
    return campaign;
  }

  /** Calls again whoever is still waiting; a campaign paused before its start waits for its start. */
  async resume(id: string): Promise<CampaignRecord> {
    const paused = await loadCampaign(this.db, id);
    const beforeStart = paused !== null && paused.startedAt === null && paused.startAt > new Date();
    const campaign = await this.transition(id, ['PAUSED'], beforeStart ? 'SCHEDULED' : 'RUNNING', 'resumed');
    await this.db.campaign.updateMany({
      where: { id, status: 'RUNNING', startedAt: null },
      data: { startedAt: new Date() },
    });
    await this.enqueueOpenTargets(campaign);
    await completeIfDone(this.db, id);
    return (await loadCampaign(this.db, id)) ?? campaign;
  }

  /** Stops the campaign for good: waiting households are cancelled, calls in progress finish. */
  async cancel(id: string): Promise<CampaignRecord> {
    const campaign = await this.transition(id, [...QUEUEING, 'PAUSED'], 'CANCELLED', 'cancelled');
    await this.db.campaign.update({ where: { id }, data: { completedAt: new Date() } });
    await this.unqueue(campaign);
    await this.db.campaignTarget.updateMany({
      where: { campaignId: id, state: 'PENDING' },
      data: { state: 'CANCELLED', nextAttemptAt: null },
    });
    return (await loadCampaign(this.db, id)) ?? campaign;
  }

  /** Queues every household of running campaigns that should have a job; jobs already queued are kept. */
  async reconcile(): Promise<number> {
    const running = await this.db.campaign.findMany({
      where: { status: { in: QUEUEING } },
      select: { id: true },
    });
    let queued = 0;
    for (const { id } of running) {
      const campaign = await loadCampaign(this.db, id);
      if (campaign && this.queues.has(campaign.trunk)) queued += await this.enqueueOpenTargets(campaign);
    }
    return queued;
  }

  /**
   * Pending households get the job of their next attempt, due when the database says; households being
   * dialled get the job of their current attempt, which finds out how it ended if its worker died.
   */
  async enqueueOpenTargets(campaign: CampaignRecord): Promise<number> {
    const targets = await this.db.campaignTarget.findMany({
      where: { campaignId: campaign.id, state: { in: ['PENDING', 'DIALING'] } },
      select: { id: true, state: true, attemptCount: true, nextAttemptAt: true },
    });
    const now = Date.now();
    const start = Math.max(now, campaign.startAt.getTime());
    await this.queues.enqueue(
      campaign.trunk,
      targets.map((t) => ({
        job: {
          campaignId: campaign.id,
          targetId: t.id,
          attemptNo: t.state === 'PENDING' ? t.attemptCount + 1 : t.attemptCount,
        },
        priority: jobPriority(campaign.priority),
        delayMs: Math.max(start, t.nextAttemptAt?.getTime() ?? 0) - now,
      })),
    );
    return targets.length;
  }

  private async unqueue(campaign: CampaignRecord): Promise<void> {
    const pending = await this.db.campaignTarget.findMany({
      where: { campaignId: campaign.id, state: 'PENDING' },
      select: { id: true, attemptCount: true },
    });
    const jobIds = pending.map((t) => campaignJobId(t.id, t.attemptCount + 1));
    // Jobs that went to another trunk of the group while the campaign's server was down are there.
    for (const trunk of this.queues.groupOf(campaign.trunk)) await this.queues.remove(trunk.name, jobIds);
    await this.leases.forgetParked(campaign.id);
  }

  private async transition(
    id: string,
    from: CampaignStatus[],
    to: CampaignStatus,
    verb: string,
  ): Promise<CampaignRecord> {
    const changed = await this.db.campaign.updateMany({
      where: { id, status: { in: from } },
      data: { status: to, pausedReason: null },
    });
    const campaign = await loadCampaign(this.db, id);
    if (!campaign) throw new NotFoundError(`no campaign with id ${id}`);
    if (changed.count === 0 && campaign.status !== to) {
      throw new ConflictError(`campaign ${id} is ${campaign.status.toLowerCase()} and cannot be ${verb}`);
    }
    return campaign;
  }
}
