import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { rtpPacketsFor } from '../media/phone-media';
import { encodeRtpPcap } from '../media/rtp-pcap';
import { mediaForBehaviour } from '../phone/behaviour-media';
import type { PhoneBehaviour } from '../phone/phone-behaviour';
import { formatPhoneBehaviour } from '../phone/phone-behaviour';
import { phoneHangsUpAfterMs } from '../phone/phone-hangup-time';
import type { PhoneTiming } from '../phone/phone-timing';
import { resolvePhoneTiming, scalePhoneTiming } from '../phone/phone-timing';
import { lastLines, startSipp, waitUntilListening, type SippProcess } from '../sipp/sipp-process';
import { boundUdpPorts, releaseUdpPortBlock, reserveUdpPortBlock } from '../sipp/udp-ports';
import type { NumberPlanEntry } from './number-plan';
import { dialledNumberKey, NumberPlanError, readNumberPlanFile, validateNumberPlan } from './number-plan';
import { PstnCallLog, type PstnCallRecord, type PstnStats } from './pstn-call-log';
import { pstnInjectionCsv, pstnScenarioXml, type ScenarioBranch } from './pstn-scenario';

export interface PstnSimulatorOptions {
  /** The plan itself, or the path of a plan CSV (see number-plan.ts). */
  readonly numberPlan: readonly NumberPlanEntry[] | string;
  /** UDP port on 127.0.0.1; 5070 is where Asterisk's `pstn` trunk sends calls. */
  readonly port?: number;
  /** For numbers missing from the plan; default: the plan file's `*` row, else reject:404. */
  readonly defaultBehaviour?: PhoneBehaviour;
  readonly timing?: Partial<PhoneTiming>;
  /** Multiplies the people's timings (ring, press delay, greeting): 0.2 makes phones five times quicker. */
  readonly timeScale?: number;
  /** Where the scenario, plan, captures and logs go. Kept after stop; default: a temporary folder removed on stop. */
  readonly workDir?: string;
  /** Also write every SIP message (sip.log) and SIPp's errors (errors.log) to the work folder, for debugging. */
  readonly sipTrace?: boolean;
}

export interface PstnSimulator {
  readonly port: number;
  readonly workDir: string;
  readonly timing: PhoneTiming;
  /** Every call received so far, oldest first. */
  calls(): readonly PstnCallRecord[];
  stats(): PstnStats;
  /** Ends SIPp (calls still up are dropped without BYE) and removes the temporary folder. */
  stop(): Promise<void>;
}

const DEFAULT_PSTN_PORT = 5070;
const HOST = '127.0.0.1';
const DEFAULT_BEHAVIOUR: PhoneBehaviour = { kind: 'reject', sipStatus: 404 };
const PLAN_FILE = 'plan.csv';
const MEDIA_PORT_BLOCK = 4;
const START_ATTEMPTS = 3;

/** Starts one SIPp UAS that answers every number of the plan the way the plan says. */
export async function startPstnSimulator(options: PstnSimulatorOptions): Promise<PstnSimulator> {
  const port = options.port ?? DEFAULT_PSTN_PORT;
  const plan = resolvePlan(options);
  const timing = scalePhoneTiming(resolvePhoneTiming(options.timing), options.timeScale ?? 1);
  if (boundUdpPorts().has(port)) {
    throw new Error(`UDP port ${port} is already in use (is another PSTN simulator running?)`);
  }

  const ownsWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'linli-pstn-'));
  try {
    await writeScenarioFiles(workDir, plan.entries, plan.defaultBehaviour, timing);
    const { sipp, release } = await startListening(workDir, port, options.sipTrace ?? false);
    const log = new PstnCallLog(join(workDir, 'calls.log'));
    let stopped: Promise<void> | null = null;
    return {
      port,
      workDir,
      timing,
      calls: () => log.calls(),
      stats: () => log.stats(),
      stop: () => {
        stopped ??= sipp.stop().then(() => {
          release();
          if (ownsWorkDir) rmSync(workDir, { recursive: true, force: true });
        });
        return stopped;
      },
    };
  } catch (error) {
    if (ownsWorkDir) rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

function resolvePlan(options: PstnSimulatorOptions): {
  entries: readonly NumberPlanEntry[];
  defaultBehaviour: PhoneBehaviour;
} {
  if (typeof options.numberPlan === 'string') {
    const plan = readNumberPlanFile(options.numberPlan);
    return {
      entries: plan.entries,
      defaultBehaviour: options.defaultBehaviour ?? plan.defaultBehaviour ?? DEFAULT_BEHAVIOUR,
    };
  }
  const problems = validateNumberPlan(options.numberPlan);
  if (problems.length > 0) throw new NumberPlanError('number plan', problems);
  return { entries: options.numberPlan, defaultBehaviour: options.defaultBehaviour ?? DEFAULT_BEHAVIOUR };
}

async function writeScenarioFiles(
  workDir: string,
  entries: readonly NumberPlanEntry[],
  defaultBehaviour: PhoneBehaviour,
  timing: PhoneTiming,
): Promise<void> {
  const behaviours = [defaultBehaviour];
  const branchOf = new Map<string, number>([[formatPhoneBehaviour(defaultBehaviour), 0]]);
  const rows = entries.map((entry) => {
    const text = formatPhoneBehaviour(entry.behaviour);
    let branch = branchOf.get(text);
    if (branch === undefined) {
      branch = behaviours.push(entry.behaviour) - 1;
      branchOf.set(text, branch);
    }
    return { number: dialledNumberKey(entry.number), branch };
  });

  const branches: ScenarioBranch[] = await Promise.all(
    behaviours.map(async (behaviour, index) => {
      const media = await mediaForBehaviour(behaviour, timing);
      let pcapFile: string | null = null;
      if (media) {
        pcapFile = join(workDir, `media-b${index}.pcap`);
        const stream = {
          ssrc: randomInt(2 ** 32),
          firstSequence: randomInt(2 ** 15),
          firstTimestamp: randomInt(2 ** 31),
        };
        writeFileSync(pcapFile, encodeRtpPcap(rtpPacketsFor(media, stream)));
      }
      return { behaviour, pcapFile, hangsUpAfterMs: phoneHangsUpAfterMs(behaviour, timing) };
    }),
  );

  writeFileSync(join(workDir, PLAN_FILE), pstnInjectionCsv(rows));
  // With every listed number behaving like the default, there is nothing to look up.
  const planFile = behaviours.length > 1 ? PLAN_FILE : null;
  writeFileSync(join(workDir, 'pstn.xml'), pstnScenarioXml({ branches, planFile, timing }));
}

/** Starts SIPp; a media or control port taken in the meantime by someone else means a retry on others. */
async function startListening(
  workDir: string,
  port: number,
  trace: boolean,
): Promise<{ sipp: SippProcess; release: () => void }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const mediaPort = reserveUdpPortBlock(MEDIA_PORT_BLOCK);
    const controlPort = reserveUdpPortBlock(1);
    const release = () => {
      releaseUdpPortBlock(mediaPort, MEDIA_PORT_BLOCK);
      releaseUdpPortBlock(controlPort);
    };
    const sipp = startSipp(
      [
        '-sf',
        'pstn.xml',
        '-i',
        HOST,
        '-p',
        String(port),
        '-mi',
        HOST,
        '-mp',
        String(mediaPort),
        '-ci',
        HOST,
        '-cp',
        String(controlPort),
        '-inf',
        PLAN_FILE,
        '-infindex',
        PLAN_FILE,
        '0',
        '-trace_logs',
        '-log_file',
        'calls.log',
        ...(trace
          ? ['-trace_msg', '-message_file', 'sip.log', '-trace_err', '-error_file', 'errors.log']
          : []),
        '-nostdin',
      ],
      { cwd: workDir },
    );
    try {
      await waitUntilListening(sipp, port);
      return { sipp, release };
    } catch (error) {
      await sipp.stop();
      release();
      lastError = error;
      if (!/Unable to bind|Address already in use/.test(sipp.stderr()) || boundUdpPorts().has(port)) break;
    }
  }
  throw new Error(`PSTN simulator could not start on ${HOST}:${port}: ${errorText(lastError)}`);
}

function errorText(error: unknown): string {
  return error instanceof Error ? lastLines(error.message) : String(error);
}
