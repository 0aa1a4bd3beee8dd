import { CAMPAIGN_PRIORITIES, type CampaignPriority } from '../domain';

/** One dial of one household: the number and timing come from the database when the job runs. */
export interface CampaignCallJob {
  campaignId: string;
  targetId: string;
  /** 1 for the household's first dial; the job for attempt n is the only one that may create it. */
  attemptNo: number;
}

const QUEUE_NAME_PREFIX = 'campaign-calls-';

/** Queue of one trunk: every campaign call on the trunk shares its channels through it. */
export function campaignQueueName(trunk: string): string {
  return `${QUEUE_NAME_PREFIX}${trunk}`;
}

/** The trunk whose queue a job is in. */
export function trunkOfQueue(queueName: string): string {
  return queueName.slice(QUEUE_NAME_PREFIX.length);
}

/** One job per attempt, so enqueueing twice (reconciler, resume, retries) adds nothing. */
export function campaignJobId(targetId: string, attemptNo: number): string {
  return `${targetId}-${attemptNo}`;
}

/**
 * BullMQ serves lower numbers first and serves 0 ("no priority") before everything, so every campaign job
 * carries 1 (emergency) to 4 (low).
 */
export function jobPriority(priority: CampaignPriority): number {
  return CAMPAIGN_PRIORITIES.indexOf(priority) + 1;
}

/** Campaign.priority column: 0 emergency ... 3 low. */
export function priorityColumn(priority: CampaignPriority): number {
  return CAMPAIGN_PRIORITIES.indexOf(priority);
}

export function priorityFromColumn(column: number): CampaignPriority {
  return CAMPAIGN_PRIORITIES[column] ?? 'normal';
}

/** Attempt ids (the calls' ids in Asterisk) carry this prefix so campaign calls are told apart cheaply. */
export const ATTEMPT_ID_PREFIX = 'cmp-';

export function isCampaignCallId(callId: string): boolean {
  return callId.startsWith(ATTEMPT_ID_PREFIX);
}
