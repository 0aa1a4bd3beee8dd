import { randomUUID } from 'node:crypto';
import { DelayedError, type Job } from 'bullmq';
import { EngineUnavailable } from '../../telephony/errors/engine-unavailable';
import { InvalidCallRequest } from '../../telephony/errors/invalid-call-request';
import { NotDialled } from '../../telephony/errors/not-dialled';
import { TrunkCongested } from '../../telephony/errors/trunk-congested';
import { Q850 } from '../../telephony/q850';
import { loadCampaign, type CampaignRecord } from '../campaign-record';
import {
  isInfrastructureFailure,
  isWithinWindow,
  nextStep,
  nextWindowOpening,
  type AttemptResult,
} from '../domain';
import { claimAttempt, isDoNotCall, recordDoNotCall, unclaimAttempt } from './attempt-claims';
import { attemptHistory } from './attempt-facts';
import { callingTrunk } from './calling-trunk';
import { awaitEnd, finaliseAttempt, recoverAttempt } from './call-end';
import { ATTEMPT_ID_PREFIX, jobPriority, trunkOfQueue, type CampaignCallJob } from './campaign-job';
import { campaignNotify } from './campaign-notify';
import { sleep, type DialerDeps } from './dialer-deps';
import { releaseChannel } from './release-channel';
import { settleTarget } from './settle-target';
import type { BackoffReason } from './trunk-backoff';

export type DialResult =
  | 'dialled'
  | 'moved'
  | 'recovered'
  | 'settled'
  | 'do-not-call'
  | 'not-claimed'
  | 'campaign-gone'
  | 'campaign-not-running'
  | 'target-not-pending'
  | 'stale-job';

/** A job parked at its campaign's channel cap is woken when a call ends; this is only the safety net. */
const PARKED_MS = 30_000;
/** Longer waits for a calls-per-second slot are spent delayed, not holding one of the trunk's channels. */
const LONGEST_PACING_WAIT_MS = 2_000;
/** A trunk with no channel for campaigns (other calls hold or wait for them) is asked again this much later. */
const TRUNK_FULL_RETRY_MS = 500;
/** A trunk failing this long without a single call carried pauses its campaigns (the cadre is told why). */
const TRUNK_GIVE_UP_MS = 15 * 60_000;

/**
 * The campaign worker's processor: dials one attempt of one household at most once, waits for its end,
 * records the outcome and queues what the retry rules ask for. Everything it decides on is read from the
 * database when it runs, so a job that is late, repeated or resumed after a crash does the right thing.
 * While the campaign trunk's server is down, the attempt goes out on another trunk of its group, in that
 * trunk's queue; once the server is back, attempts go home again.
 */
export function dialAttemptProcessor(deps: DialerDeps) {
  const delay = async (
    job: Job<CampaignCallJob>,
    token: string | undefined,
    until: number,
  ): Promise<never> => {
    await job.moveToDelayed(Math.max(until, Date.now() + 1), token);
    throw new DelayedError();
  };

  return async (job: Job<CampaignCallJob>, token?: string): Promise<DialResult> => {
    const { campaignId, targetId, attemptNo } = job.data;
    // Read together: every millisecond here is a channel left idle between two calls.
    const [campaign, target] = await Promise.all([
      loadCampaign(deps.db, campaignId),
      deps.db.campaignTarget.findUnique({
        where: { id: targetId },
        include: { attempts: { orderBy: { attemptNo: 'asc' } } },
      }),
    ]);
    if (!campaign || !target) return 'campaign-gone';

    const own = target.attempts.find((a) => a.attemptNo === attemptNo);
    if (own) {
      if (own.endedAt === null) await recoverAttempt(deps, campaign, own.id);
      await settleTarget(deps, campaign, targetId);
      return own.endedAt === null ? 'recovered' : 'settled';
    }
    if (target.state !== 'PENDING') return 'target-not-pending';
    if (target.attempts.length !== attemptNo - 1) return 'stale-job';
    if (campaign.status !== 'RUNNING' && campaign.status !== 'SCHEDULED') return 'campaign-not-running';

    const now = new Date();
    if (campaign.status === 'SCHEDULED') {
      if (now < campaign.startAt) return delay(job, token, campaign.startAt.getTime());
      await deps.db.campaign.updateMany({
        where: { id: campaignId, status: 'SCHEDULED' },
        data: { status: 'RUNNING', startedAt: now },
      });
    }
    const definition = campaign.definition;
    const step = nextStep(attemptHistory(target.attempts), target.numbers, definition.retry, now);
    if (step.kind !== 'retry') {
      await settleTarget(deps, campaign, targetId, now);
      return 'settled';
    }
    if (step.notBefore > now) return delay(job, token, step.notBefore.getTime());
    if (!isWithinWindow(now, definition.window)) {
      return delay(job, token, nextWindowOpening(now, definition.window).getTime());
    }
    const trunk = callingTrunk(deps.calls, deps.queues, campaign.trunk);
    if (trunk.name !== trunkOfQueue(job.queueName)) {
      // Its server is down (or back): the attempt joins the queue of the trunk it goes out on, and shares
      // that trunk's channels with the campaigns there.
      const priority = job.opts.priority ?? jobPriority(campaign.priority);
      await deps.queues.enqueue(trunk.name, [{ job: job.data, priority, delayMs: 0 }]);
      return 'moved';
    }
    const admission = await deps.backoff.admit(trunk.name);
    if (admission.kind === 'wait') return delay(job, token, admission.until);
    if (await isDoNotCall(deps.db, definition.doNotCall, step.number)) {
      await recordDoNotCall(deps.db, { campaignId, targetId, attemptNo, number: step.number });
      await settleTarget(deps, campaign, targetId);
      return 'do-not-call';
    }

    const callId = `${ATTEMPT_ID_PREFIX}${randomUUID()}`;
    if (!(await deps.leases.acquire(campaignId, callId, definition.maxChannels, String(job.id)))) {
      return delay(job, token, Date.now() + PARKED_MS);
    }
    const taken = await takeTrunkChannel(deps, campaign, trunk.name, callId, String(job.id)).catch(
      async (err: unknown) => {
        await giveUpChannels(deps, campaign, callId);
        throw err;
      },
    );
    if (!taken) {
      // Calls of every kind, being placed or up, by any process, hold the trunk: never one more than it has.
      await releaseChannel(deps, campaign, callId);
      return delay(job, token, Date.now() + TRUNK_FULL_RETRY_MS);
    }
    const slot = await deps.pacer
      .reserve(trunk, { id: campaignId, cps: definition.maxCallsPerSecond }, LONGEST_PACING_WAIT_MS)
      .catch(async (err: unknown) => {
        await giveUpChannels(deps, campaign, callId);
        throw err;
      });
    if (slot.kind === 'too-far') {
      await deps.budget.giveBack(callId);
      await releaseChannel(deps, campaign, callId);
      return delay(job, token, slot.earliest);
    }
    await sleep(slot.at - Date.now());

    const claim = { campaignId, targetId, attemptNo, callId, number: step.number, trunk: trunk.name };
    if (!(await claimAttempt(deps.db, claim))) {
      await deps.budget.giveBack(callId);
      await releaseChannel(deps, campaign, callId);
      return 'not-claimed';
    }
    const end = deps.journal.waitForEnd(callId);
    try {
      await deps.calls.notify(campaignNotify(campaign, callId, step.number, trunk.name));
    } catch (err) {
      await deps.budget.release(callId, err);
      if (err instanceof NotDialled) {
        // Nothing rang: the attempt never happened, and the trunk (not the household) backs off.
        end.cancel();
        await unclaimAttempt(deps.db, { targetId, attemptNo, callId });
        await releaseChannel(deps, campaign, callId);
        const until = await backOffTrunk(deps, campaign, trunk.name, notDialledReason(err));
        deps.logger.warn({ campaignId, targetId, err: err.message }, 'call not placed; the trunk backs off');
        return delay(job, token, until);
      }
      if (err instanceof InvalidCallRequest) {
        // The number cannot be dialled at all: the attempt ends as an invalid number and the next one is tried.
        end.cancel();
        await deps.db.campaignAttempt.updateMany({
          where: { id: callId, endedAt: null },
          data: { hangupCause: Q850.INVALID_NUMBER_FORMAT },
        });
        await finaliseAttempt(deps, campaign, callId, null);
        await settleTarget(deps, campaign, targetId);
        return 'dialled';
      }
      // The engine may have the call: treat it as a call in progress and wait for its end.
      deps.logger.error(
        { campaignId, callId, err: (err as Error).message },
        'call placement outcome unknown',
      );
    }
    await awaitEnd(deps, end.promise, callId, definition.settings.ringTimeoutSeconds * 1000);
    end.cancel();
    const result = await finaliseAttempt(deps, campaign, callId, null);
    await noteTrunkHealth(deps, campaign, trunk.name, result);
    await settleTarget(deps, campaign, targetId);
    return 'dialled';
  };
}

/**
 * Redis failed between taking the call's channels and placing it: both are given back as far as Redis
 * lets us (else they lapse on their own), and the job's retry starts afresh.
 */
async function giveUpChannels(deps: DialerDeps, campaign: CampaignRecord, callId: string): Promise<void> {
  await deps.budget.giveBack(callId);
  await releaseChannel(deps, campaign, callId).catch(() => undefined);
}

/**
 * The call's channel from the trunk's budget. BullMQ's priorities order only jobs due now, not jobs a
 * full trunk turned away: so an emergency campaign's call turned away says it waits (for emergency
 * preemption to free a channel), and a normal campaign's call leaves a free channel to it meanwhile.
 */
async function takeTrunkChannel(
  deps: DialerDeps,
  campaign: CampaignRecord,
  trunk: string,
  callId: string,
  jobId: string,
): Promise<boolean> {
  const emergency = campaign.priority === 'emergency';
  if (!emergency && (await deps.emergencyWaits.count(trunk)) > 0) return false;
  const taken = await deps.budget.takeForCampaign(trunk, callId);
  if (emergency) {
    if (taken) await deps.emergencyWaits.done(trunk, jobId);
    else await deps.emergencyWaits.note(trunk, jobId);
  }
  return taken;
}

function notDialledReason(err: NotDialled): BackoffReason {
  if (err instanceof TrunkCongested) return 'congestion';
  if (err instanceof EngineUnavailable) return 'engine-unavailable';
  return 'not-dialled';
}

/** A call the carrier carried clears its trunk's back-off; an infrastructure failure extends it. */
async function noteTrunkHealth(
  deps: DialerDeps,
  campaign: CampaignRecord,
  trunk: string,
  result: AttemptResult | null,
): Promise<void> {
  // A call linli ended for an SOS says nothing about the trunk.
  if (!result || result.failureReason === 'preempted') return;
  if (isInfrastructureFailure(result)) await backOffTrunk(deps, campaign, trunk, 'congestion');
  else await deps.backoff.clear(trunk);
}

/**
 * Backs the trunk off and returns until when. A trunk that has failed for long pauses the campaign with
 * the reason, instead of retrying into a carrier that refuses everything.
 */
async function backOffTrunk(
  deps: DialerDeps,
  campaign: CampaignRecord,
  trunk: string,
  reason: BackoffReason,
): Promise<number> {
  const now = Date.now();
  const state = await deps.backoff.trip(trunk, reason, now);
  if (now - state.since > TRUNK_GIVE_UP_MS) {
    const paused = await deps.db.campaign.updateMany({
      where: { id: campaign.id, status: 'RUNNING' },
      data: { status: 'PAUSED', pausedReason: `trunk_unavailable:${reason}` },
    });
    if (paused.count === 1) {
      deps.logger.error(
        { campaignId: campaign.id, trunk, reason, failingSinceMs: now - state.since },
        'trunk failing for too long: campaign paused',
      );
    }
  }
  return state.until;
}
