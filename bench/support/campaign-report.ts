import { DEFAULT_PHONE_TIMING, type PhoneTiming } from '../../simulators/phone/phone-timing';
import type { BenchTown } from './bench-town';
import type { CallFileRun } from './call-file-campaign';
import type { CampaignBenchSettings } from './campaign-bench-settings';
import type { DialerOverhead } from './dialer-overhead';
import type { LinliRun } from './linli-campaign';
import type { MethodFigures } from './method-figures';

/** What the run is and how it was scaled, so a figure can be read against the settings that made it. */
export function printSettings(
  settings: CampaignBenchSettings,
  town: BenchTown,
  phones: Partial<PhoneTiming>,
  prompts: { messageMs: number; ackMs: number },
  pacedPerSecond: number,
): void {
  const behaviours: Record<string, number> = {};
  for (const { behaviour } of town.plan) behaviours[behaviour.kind] = (behaviours[behaviour.kind] ?? 0) + 1;
  const s = settings.phoneTimeScale;
  const timing = { ...DEFAULT_PHONE_TIMING, ...phones };
  console.log(
    `${settings.households} households, ${town.plan.length} phones ${JSON.stringify(behaviours)}; trunk ` +
      `${settings.trunk}: ${settings.channels} channels, ${settings.callsPerSecond} calls/s (no CPS limit in effect)`,
  );
  console.log(
    `scaled: phones ×${s} (ring ${Math.round(timing.ringMs * s)} ms, key ${Math.round(timing.pressDelayMs * s)} ms ` +
      `after answering, hang up ${settings.hangUpAfterKeySeconds} s after it); the network gives up ringing ` +
      `after ${timing.noAnswerGiveUpMs} ms; message "${settings.message}" ${prompts.messageMs} ms, goodbye ` +
      `${prompts.ackMs} ms; ring timeout ${settings.ringTimeoutSeconds} s, key timeout ` +
      `${settings.digitTimeoutSeconds} s; retry delays = the default policy's ×1/${Math.round(1 / settings.retryDelayScale)} ` +
      `(busy 5 min → ${(300 * settings.retryDelayScale).toFixed(0)} s, no answer 15 min → ` +
      `${(900 * settings.retryDelayScale).toFixed(0)} s), default retry counts`,
  );
  const c = settings.callFiles;
  console.log(
    `call files (one per household, its first phone): all moved in at once, or paced at ` +
      `${pacedPerSecond.toFixed(2)} files/s; MaxRetries ${c.maxRetries}, RetryTime ${c.retrySeconds} s ` +
      `(the sample call file's 60 s at the phones' scale), WaitTime ${settings.ringTimeoutSeconds} s; the ` +
      `cadre's hour: ${settings.hourSeconds} s`,
  );
}

export function printFigures(label: string, f: MethodFigures): void {
  const idle = f.carrier.idle;
  console.log(
    `${label}: ${f.elapsedSeconds.toFixed(1)} s, ${f.carrier.calls} calls, ${f.confirmed} households ` +
      `confirmed (${f.confirmedInHour} within the hour); channel-seconds ` +
      `${f.carrier.channelSeconds.toFixed(0)} → bound ${f.boundSeconds.toFixed(1)} s, bound_ratio ` +
      `${f.boundRatio.toFixed(3)}, utilisation ${f.utilisation.toFixed(3)}`,
  );
  console.log(
    `  channels: Asterisk peak ${f.asterisk.peak}, ${f.asterisk.overLimitStarts} of ${f.asterisk.started} ` +
      `started over the cap (AMI channel-seconds ${f.asterisk.channelSeconds.toFixed(0)}); carrier peak ` +
      `${f.carrier.peak}, ${f.carrier.overCapInvites} INVITEs over the cap, at most ` +
      `${f.carrier.peakStartsPerSecond} INVITEs in one second`,
  );
  console.log(
    `  idle channel-seconds: ${idle.beforeFirstCall.toFixed(0)} before the first call, ` +
      `${idle.whileWorkWaited.toFixed(0)} between calls until the trunk was last full (` +
      `${ms((1000 * idle.whileWorkWaited) / Math.max(1, f.carrier.callsUntilLastFull))} a call), ` +
      `${idle.rampDown.toFixed(0)} after it (ramp-down)`,
  );
}

/** Where linli's channel time went besides carrying calls. */
export function printLinliDetails(
  run: LinliRun,
  f: MethodFigures,
  overhead: DialerOverhead,
  channels: number,
): void {
  console.log(`  created in ${run.createMs} ms; households by outcome ${JSON.stringify(run.outcomes)}`);
  console.log(
    `  per attempt (${overhead.matched} paired with the carrier's calls): row → INVITE mean ` +
      `${ms(overhead.rowToInviteMs.mean)}, p95 ${ms(overhead.rowToInviteMs.p95)}; call end → row closed mean ` +
      `${ms(overhead.endToRowMs.mean)}, p95 ${ms(overhead.endToRowMs.p95)}`,
  );
  console.log(
    `  channel-seconds: ${(channels * f.elapsedSeconds).toFixed(0)} on offer, ` +
      `${overhead.attemptSeconds.toFixed(0)} inside attempt rows, ${f.carrier.channelSeconds.toFixed(0)} carried`,
  );
  for (const [label, part] of [
    ['first dials', run.attempts.filter((a) => a.attemptNo === 1)],
    ['later dials (other numbers, retries)', run.attempts.filter((a) => a.attemptNo > 1)],
  ] as const) {
    const seconds = part.reduce(
      (sum, a) => sum + (a.endedAt ? a.endedAt.getTime() - a.startedAt.getTime() : 0) / 1000,
      0,
    );
    const confirmed = part.filter((a) => a.outcome === 'confirmed').length;
    console.log(
      `  ${label}: ${part.length} calls, ${seconds.toFixed(0)} channel-seconds, ${confirmed} confirmations`,
    );
  }
  const lastFull = f.carrier.lastFullAt;
  if (lastFull !== null) {
    const after = run.attempts.filter((a) => a.startedAt.getTime() > lastFull);
    console.log(
      `  ramp-down: the trunk was last full ${((lastFull - run.postedAt) / 1000).toFixed(1)} s in, ` +
        `${(((run.completedAt ?? lastFull) - lastFull) / 1000).toFixed(1)} s before completion; ${after.length} attempts ` +
        `started after it, ${after.filter((a) => a.attemptNo > 1).length} of them retries or second numbers`,
    );
  }
}

export function printCallFileDetails(run: CallFileRun): void {
  console.log(
    `  ${run.dropped} files; final status ${JSON.stringify(run.statuses)}; ${run.turnedAwayAtCap} attempts ` +
      `turned away by GROUP_COUNT at the cap`,
  );
}

/** Prints the comparisons; returns the line the figures are read from, for the run to print last. */
export function printSummary(
  settings: CampaignBenchSettings,
  linli: MethodFigures | null,
  callFiles: MethodFigures | null,
  pacedCallFiles: MethodFigures | null,
): string {
  const ratio = (other: MethodFigures | null) =>
    linli && other ? linli.hourConfirmationsPerMinute / other.hourConfirmationsPerMinute : NaN;
  for (const [label, other] of [
    ['call files at once', callFiles],
    ['call files paced', pacedCallFiles],
  ] as const) {
    if (!linli || !other) continue;
    console.log(
      `vs ${label}: confirmations per minute of the ${settings.hourSeconds} s hour: linli ` +
        `${linli.hourConfirmationsPerMinute.toFixed(1)}, ${label} ${other.hourConfirmationsPerMinute.toFixed(1)} → ` +
        `×${ratio(other).toFixed(2)}; over each run's own length (which rewards giving up early): linli ` +
        `${linli.confirmationsPerMinute.toFixed(1)}, ${label} ${other.confirmationsPerMinute.toFixed(1)}`,
    );
    const both = Math.min(linli.confirmed, other.confirmed);
    const after = (f: MethodFigures) => (f.confirmedAfterSeconds[both - 1] ?? NaN).toFixed(1);
    console.log(`  ${both} confirmations took linli ${after(linli)} s and ${label} ${after(other)} s`);
  }
  return (
    `campaign_households=${settings.households} channels=${settings.channels} ` +
    `bound_ratio=${fixed(linli?.boundRatio, 3)} utilisation=${fixed(linli?.utilisation, 3)} ` +
    `over_limit=${linli?.asterisk.overLimitStarts ?? 'n/a'} vs_callfiles_confirm_rate_ratio=${fixed(ratio(callFiles), 2)}`
  );
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
