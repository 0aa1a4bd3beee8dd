/**
 * Outbound campaign benchmark (npm run bench:campaign), through the local Asterisk and the simulated
 * PSTN on the `pstn` trunk (UDP 5070), 30 channels:
 *  1. linli: a campaign to every household of a generated town (2,300), created through the API of an
 *     in-process linli (calls + campaigns capabilities, TRUNKS pstn@local:30:1000:0 — no channel kept for
 *     SOS, so linli and the call files dial on the same 30 channels), run to completion;
 *  2. the naive way on the same Asterisk with the same cap: one call file per household (its first
 *     phone), all moved into the outgoing spool at once, the cap kept by GROUP_COUNT in
 *     simulators/asterisk/extensions_bench.conf, one MaxRetries/RetryTime (Asterisk's sample call
 *     file's) for every failure, the cap's included;
 *  3. the same call files dropped at a fixed rate, as a more careful script does: for comparison.
 * Confirmations per minute are counted over the cadre's hour (scaled) for every method, so that a run
 * that gives up on households early gains nothing by it.
 * Channel-seconds are the carrier's (the simulator's log: INVITE received → call ended); the channel
 * count is Asterisk's own (AMI Newchannel/Hangup of PJSIP/pstn-*). How the hour-long campaign is scaled
 * into minutes: bench/support/campaign-bench-settings.ts, printed at the start.
 *
 *   BENCH_HOUSEHOLDS=300 BENCH_METHODS=linli npm run bench:campaign      # a quick look
 *   BENCH_METHODS=callfiles BENCH_CALLFILE_MAX_RETRIES=10 npm run bench:campaign   # another retry setting
 *
 * Last line: campaign_households=<n> channels=<n> bound_ratio=<x> utilisation=<x> over_limit=<n>
 *            vs_callfiles_confirm_rate_ratio=<x>
 * or, when anything failed, bench_failed reason="…" (bench/support/bench-hygiene.ts, which also empties
 * Asterisk's outgoing spool and hangs up its channels at start and at exit, however the run ends).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { callsCapability } from '../src/calls/calls-capability';
import { campaignsCapability } from '../src/campaigns/campaigns-capability';
import { ACK_TEXT } from '../src/campaigns/create/spoken-message';
import { parseAmiServers } from '../src/config/telephony-config';
import type { PstnCallRecord } from '../simulators/pstn/pstn-call-log';
import {
  startPstnSimulator,
  type PstnSimulator,
  type PstnSimulatorOptions,
} from '../simulators/pstn/pstn-simulator';
import { startTestPlatform } from '../test/support/platform';
import { openAmiEvents } from './support/ami-events';
import { runBenchmark } from './support/bench-hygiene';
import { benchTown, importBenchTown } from './support/bench-town';
import { OutgoingSpool } from './support/call-file';
import { runCallFileCampaign, type CallFileRun } from './support/call-file-campaign';
import {
  callFileRate,
  campaignBenchSettings,
  phoneTiming,
  type CampaignBenchSettings,
} from './support/campaign-bench-settings';
import {
  printCallFileDetails,
  printFigures,
  printLinliDetails,
  printSettings,
  printSummary,
} from './support/campaign-report';
import { dialerOverhead } from './support/dialer-overhead';
import { benchCampaignRequest, runLinliCampaign, type LinliRun } from './support/linli-campaign';
import { methodFigures, type MethodFigures } from './support/method-figures';
import { TrunkChannelWatch, type TrunkChannelFigures } from './support/trunk-channel-watch';

const REPO = join(__dirname, '..');

interface OnCarrier<T> {
  result: T;
  calls: readonly PstnCallRecord[];
  asterisk: TrunkChannelFigures;
}

async function main(): Promise<string> {
  const settings = campaignBenchSettings();
  const [server] = parseAmiServers(process.env.AMI_SERVERS ?? '');
  if (!server) throw new Error('AMI_SERVERS is not set: run through npm run bench:campaign');
  const chroot = execFileSync('bash', [join(REPO, 'scripts/asterisk.sh'), 'root'], {
    encoding: 'utf8',
  }).trim();
  if (!existsSync(join(chroot, 'etc/asterisk/extensions_bench.conf'))) {
    throw new Error(
      'Asterisk lacks extensions_bench.conf: run through npm run bench:campaign (it installs it)',
    );
  }

  const town = benchTown(settings);
  const events = await openAmiEvents(server, 'call,user');
  const watch = new TrunkChannelWatch(events, settings.trunk, settings.channels);
  const platform = await startTestPlatform([callsCapability, campaignsCapability], {
    // No channel reserved for SOS calls: both methods get the same channels.
    TRUNKS: `${settings.trunk}@${server.name}:${settings.channels}:${settings.callsPerSecond}:0`,
  });
  try {
    await importBenchTown(platform.database.db, town);
    const codec = platform.platform.env.TTS_CODEC;
    const message = await platform.platform.tts.synthesize({ text: settings.message, codec });
    const ack = await platform.platform.tts.synthesize({ text: ACK_TEXT, codec });
    const pacedPerSecond = settings.callFiles.pacedPerSecond ?? callFileRate(settings, message.durationMs);
    const carrier: PstnSimulatorOptions = {
      numberPlan: town.plan,
      timeScale: settings.phoneTimeScale,
      timing: phoneTiming(settings, message.durationMs),
    };
    printSettings(
      settings,
      town,
      carrier.timing ?? {},
      { messageMs: message.durationMs, ackMs: ack.durationMs },
      pacedPerSecond,
    );

    const villages = town.population.villages.map((v) => v.code);
    const linli = settings.methods.linli
      ? await measureLinli(settings, carrier, watch, () =>
          runLinliCampaign(
            platform,
            benchCampaignRequest(settings, villages),
            settings.runLimitSeconds * 1000,
          ),
        )
      : null;
    const callFileRun = (perSecond: number | null) => (pstn: PstnSimulator) =>
      runCallFileCampaign({
        spool: new OutgoingSpool(chroot),
        events,
        perSecond,
        limitMs: settings.runLimitSeconds * 1000,
        carrierIdle: () => pstn.stats().active === 0,
        calls: town.firstPhones.map((phone) => ({
          number: phone.replace(/^\+/, ''),
          callerId: settings.callerId,
          trunk: settings.trunk,
          channels: settings.channels,
          ringSeconds: settings.ringTimeoutSeconds,
          maxRetries: settings.callFiles.maxRetries,
          retrySeconds: settings.callFiles.retrySeconds,
          // Call files are Asterisk's own: they name sounds as Asterisk sees linli's media folder.
          prompt: posix.join(platform.platform.env.ASTERISK_MEDIA_DIR, message.name),
          ackPrompt: posix.join(platform.platform.env.ASTERISK_MEDIA_DIR, ack.name),
          digitTimeoutSeconds: settings.digitTimeoutSeconds,
        })),
      });
    const callFiles = settings.methods.callFiles
      ? await measureCallFiles('call files at once', settings, carrier, watch, callFileRun(null))
      : null;
    const pacedCallFiles = settings.methods.pacedCallFiles
      ? await measureCallFiles('call files paced', settings, carrier, watch, callFileRun(pacedPerSecond))
      : null;
    return printSummary(settings, linli, callFiles, pacedCallFiles);
  } finally {
    await platform.stop();
    events.close();
  }
}

async function measureLinli(
  settings: CampaignBenchSettings,
  carrier: PstnSimulatorOptions,
  watch: TrunkChannelWatch,
  run: () => Promise<LinliRun>,
): Promise<MethodFigures> {
  const { result, calls, asterisk } = await onCarrier(carrier, watch, run);
  if (result.completedAt === null) console.log(`linli: NOT completed within ${settings.runLimitSeconds} s`);
  const figures = methodFigures({
    channels: settings.channels,
    from: result.postedAt,
    to: result.completedAt ?? Date.now(),
    confirmedAt: result.confirmedAt,
    calls,
    asterisk,
    hourSeconds: settings.hourSeconds,
  });
  printFigures('linli', figures);
  printLinliDetails(result, figures, dialerOverhead(result.attempts, calls), settings.channels);
  return figures;
}

async function measureCallFiles(
  label: string,
  settings: CampaignBenchSettings,
  carrier: PstnSimulatorOptions,
  watch: TrunkChannelWatch,
  run: (pstn: PstnSimulator) => Promise<CallFileRun>,
): Promise<MethodFigures> {
  const { result, calls, asterisk } = await onCarrier(carrier, watch, run);
  if (result.cutShort) console.log(`${label}: NOT done within ${settings.runLimitSeconds} s (cut short)`);
  const figures = methodFigures({
    channels: settings.channels,
    from: result.startedAt,
    to: result.endedAt,
    confirmedAt: result.confirmedAt,
    calls,
    asterisk,
    hourSeconds: settings.hourSeconds,
  });
  printFigures(label, figures);
  printCallFileDetails(result);
  return figures;
}

/** Runs `work` against a fresh simulated carrier, so each method's call log is its own. */
async function onCarrier<T>(
  carrier: PstnSimulatorOptions,
  watch: TrunkChannelWatch,
  work: (pstn: PstnSimulator) => Promise<T>,
): Promise<OnCarrier<T>> {
  const pstn = await startPstnSimulator(carrier);
  try {
    watch.reset();
    const result = await work(pstn);
    // Calls still up (a run cut short) belong to this run's figures.
    while (pstn.stats().active > 0 || watch.live > 0) await new Promise((r) => setTimeout(r, 100));
    return { result, calls: pstn.calls(), asterisk: watch.read() };
  } finally {
    await pstn.stop();
  }
}

runBenchmark({ asterisk: true }, main);
