import type { CampaignRecord } from '../campaign-record';
import { classifyAttempt, type AttemptResult } from '../domain';
import type { EndedCallRecord } from '../../telephony/call-events';
import { AMD_COLUMN, telephonyReport } from './attempt-facts';
import { sleep, type DialerDeps } from './dialer-deps';
import { releaseChannel } from './release-channel';

/** How often a call we wait for is checked for having vanished (its end lost with an engine connection). */
const LIVENESS_CHECK_MS = 5_000;
/** How long a call the engine no longer has may take for its end to be written. */
const END_GRACE_MS = 3_000;
/** After a restart the driver adopts live calls within moments; until then isLive may say false. */
const ADOPTION_GRACE_MS = 2_000;

/** Waits for the call's end; returns early if the call vanished without one (its end is then recovered). */
export async function awaitEnd(
  deps: Pick<DialerDeps, 'calls'>,
  ended: Promise<unknown>,
  callId: string,
  ringTimeoutMs: number,
): Promise<void> {
  const started = Date.now();
  let seenLive = false;
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const tick = new Promise<'tick'>(
      (resolve) => (timer = setTimeout(() => resolve('tick'), LIVENESS_CHECK_MS)),
    );
    const first = await Promise.race([ended.then(() => 'ended' as const), tick]);
    clearTimeout(timer);
    if (first === 'ended') return;
    const live = deps.calls.isLive(callId);
    seenLive ||= live;
    if (!live && (seenLive || Date.now() - started > ringTimeoutMs + 3 * LIVENESS_CHECK_MS)) {
      // The engine forgets a call the moment it ends, a little before its end reaches the row: give that
      // write its time, or the attempt would be finalised without its cause and count as unknown.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise((resolve) => (grace = setTimeout(resolve, END_GRACE_MS)))]);
      clearTimeout(grace);
      return;
    }
  }
}

/**
 * Classifies the ended call from its row (and what the engine kept) and writes the outcome once.
 * Returns what this call wrote, or null when the attempt had been finalised already.
 */
export async function finaliseAttempt(
  deps: DialerDeps,
  campaign: CampaignRecord,
  callId: string,
  kept: EndedCallRecord | null,
): Promise<AttemptResult | null> {
  const row = await deps.db.campaignAttempt.findUnique({ where: { id: callId } });
  if (!row) return null;
  let result: AttemptResult | null = null;
  if (row.endedAt === null) {
    const report = telephonyReport(row, kept);
    result = classifyAttempt(report, campaign.definition.menu);
    await deps.db.campaignAttempt.updateMany({
      where: { id: callId, endedAt: null },
      data: {
        endedAt: new Date(),
        outcome: result.outcome,
        hangupCause: report.hangupCause,
        answeredAt: row.answeredAt ?? (report.answered ? new Date() : null),
        digit: report.digit,
        amd: row.amd ?? (kept?.machine ? AMD_COLUMN[kept.machine] : null),
      },
    });
  }
  await releaseChannel(deps, campaign, callId);
  return result;
}

/**
 * An attempt whose worker died before recording its end: wait for the call if it is still up, else take
 * what its row and the engine kept of it; with neither, the outcome is unknown.
 */
export async function recoverAttempt(
  deps: DialerDeps,
  campaign: CampaignRecord,
  callId: string,
): Promise<void> {
  const end = deps.journal.waitForEnd(callId);
  const deadline = Date.now() + ADOPTION_GRACE_MS;
  while (!deps.calls.isLive(callId) && Date.now() < deadline) await sleep(200);
  let kept: EndedCallRecord | null = null;
  if (deps.calls.isLive(callId)) {
    await awaitEnd(deps, end.promise, callId, campaign.definition.settings.ringTimeoutSeconds * 1000);
  } else {
    kept = await deps.calls.recoverEndedCall(callId);
  }
  end.cancel();
  await finaliseAttempt(deps, campaign, callId, kept);
  deps.logger.info(
    { campaignId: campaign.id, callId, kept: kept !== null },
    'recovered an interrupted attempt',
  );
}
