import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { MediaSegment } from '../media/phone-media';
import { rtpPacketsFor } from '../media/phone-media';
import { encodeRtpPcap } from '../media/rtp-pcap';
import { keyPresses } from '../phone/behaviour-media';
import { DEFAULT_PHONE_TIMING } from '../phone/phone-timing';
import { lastLines, startSipp } from '../sipp/sipp-process';
import { sippTime } from '../sipp/sipp-time';
import { releaseUdpPortBlock, reserveUdpPortBlock } from '../sipp/udp-ports';
import { inboundInjectionCsv, inboundScenarioXml } from './inbound-scenario';

/** A call into Asterisk as a resident's phone or an elder's SOS card places it. */
export interface InboundCallRequest {
  /** The caller's number, sent as the From user (e.g. 8613912345678 or +8613912345678). */
  readonly from: string;
  /** The number called, e.g. 96500 (SOS) or 12345 (hotline). */
  readonly to: string;
  /** The caller hangs up this long after the answer, unless Asterisk hangs up first. */
  readonly holdSeconds: number;
  /** Keys the caller presses after the answer (RFC 4733), e.g. "1". */
  readonly digits?: string;
  /** From the answer to the first key; default 1000. */
  readonly digitDelayMs?: number;
  /** The caller gives up when nobody answers within this long; default 30. */
  readonly ringTimeoutSeconds?: number;
  /**
   * What the caller sends after the answer, in place of `digits` (e.g. a key, a spoken message, #);
   * silence follows until the hang-up.
   */
  readonly media?: readonly MediaSegment[];
}

type InboundCallOutcome = 'answered' | 'rejected' | 'no-answer' | 'failed';

export interface InboundCallResult {
  readonly from: string;
  readonly to: string;
  /** The SIP Call-ID of the INVITE (empty if the call never started). */
  readonly callId: string;
  /** answered; rejected (a 4xx-6xx final response); no-answer (the caller gave up); failed (anything else). */
  readonly result: InboundCallOutcome;
  /** The final response to the INVITE, when there was one. */
  readonly sipStatus: number | null;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  /** Who hung up an answered call. */
  readonly endedBy: 'caller' | 'callee' | null;
}

export interface InboundCallOptions {
  /** Where calls go; default Asterisk at 127.0.0.1:5060. */
  readonly host?: string;
  readonly port?: number;
  /** How fast a batch starts its calls; default 10 per second. */
  readonly callsPerSecond?: number;
  /** The callers' User-Agent header (a SIP scanner's, to test the SIP edge); none by default. */
  readonly userAgent?: string;
  /** Keep each batch's files, SIP trace (sip.log) and errors in a folder under this one, for debugging. */
  readonly traceDir?: string;
}

const ASTERISK = { host: '127.0.0.1', port: 5060 };
const LOCAL_IP = '127.0.0.1';
const MEDIA_PORT_BLOCK = 4;
/** Callers keep sending (silent) audio while connected; past this the stream just stops. */
const LONGEST_STREAM_MS = 30_000;
/** Beyond the calls' own durations: SIP transactions that end late (BYE answers, retransmissions). */
const SLACK_MS = 15_000;

export async function placeInboundCall(
  request: InboundCallRequest,
  options: InboundCallOptions = {},
): Promise<InboundCallResult> {
  const [result] = await placeInboundCalls([request], options);
  if (!result) throw new Error('placeInboundCalls returned no result');
  return result;
}

/**
 * Places many calls at once (benchmarks). Calls with the same timing and keys share one SIPp
 * process; results come back in the order of the requests.
 */
export async function placeInboundCalls(
  requests: readonly InboundCallRequest[],
  options: InboundCallOptions = {},
): Promise<InboundCallResult[]> {
  requests.forEach(checkRequest);
  const groups = new Map<string, number[]>();
  requests.forEach((request, index) => {
    // A call with its own media shares its SIPp process with none.
    const key = JSON.stringify([
      request.media ? `media-${index}` : '',
      request.holdSeconds,
      request.digits,
      request.digitDelayMs,
      request.ringTimeoutSeconds,
    ]);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const results: InboundCallResult[] = new Array(requests.length);
  await Promise.all(
    [...groups.values()].map(async (indexes, group) => {
      const calls = indexes.map((i) => requests[i] as InboundCallRequest);
      const traceDir = options.traceDir && join(options.traceDir, `batch-${group + 1}`);
      const groupResults = await runBatch(calls, { ...options, traceDir });
      groupResults.forEach((result, i) => (results[indexes[i] as number] = result));
    }),
  );
  return results;
}

/** One SIPp UAC for calls that share timing and keys. */
async function runBatch(
  calls: readonly InboundCallRequest[],
  options: InboundCallOptions,
): Promise<InboundCallResult[]> {
  const first = calls[0];
  if (!first) return [];
  const holdMs = first.holdSeconds * 1000;
  const ringTimeoutMs = (first.ringTimeoutSeconds ?? 30) * 1000;
  const rate = options.callsPerSecond ?? 10;
  const workDir = options.traceDir ?? mkdtempSync(join(tmpdir(), 'linli-callers-'));
  if (options.traceDir) mkdirSync(options.traceDir, { recursive: true });
  const sipPort = reserveUdpPortBlock(1);
  const mediaPort = reserveUdpPortBlock(MEDIA_PORT_BLOCK);
  const controlPort = reserveUdpPortBlock(1);
  try {
    const pcapFile = join(workDir, 'caller.pcap');
    const media = callerMedia(first, holdMs);
    const stream = {
      ssrc: randomInt(2 ** 32),
      firstSequence: randomInt(2 ** 15),
      firstTimestamp: randomInt(2 ** 31),
    };
    writeFileSync(pcapFile, encodeRtpPcap(rtpPacketsFor(media, stream)));
    writeFileSync(join(workDir, 'calls.csv'), inboundInjectionCsv(calls));
    writeFileSync(
      join(workDir, 'inbound.xml'),
      inboundScenarioXml({ pcapFile, holdMs, ringTimeoutMs, userAgent: options.userAgent }),
    );

    const target = `${options.host ?? ASTERISK.host}:${options.port ?? ASTERISK.port}`;
    const expectedMs = (calls.length / rate) * 1000 + ringTimeoutMs + holdMs + SLACK_MS;
    const sipp = startSipp(
      [
        target,
        '-sf',
        'inbound.xml',
        '-i',
        LOCAL_IP,
        '-p',
        String(sipPort),
        '-mi',
        LOCAL_IP,
        '-mp',
        String(mediaPort),
        '-ci',
        LOCAL_IP,
        '-cp',
        String(controlPort),
        '-inf',
        'calls.csv',
        // Unique across runs: Asterisk may still remember the dialogs of an earlier batch.
        '-cid_str',
        `linli-caller-${randomUUID()}-%u@%s`,
        '-m',
        String(calls.length),
        '-l',
        String(calls.length),
        '-r',
        String(rate),
        '-rp',
        '1000',
        '-timeout',
        `${Math.ceil(expectedMs / 1000)}s`,
        '-trace_logs',
        '-log_file',
        'calls.log',
        ...(options.traceDir
          ? ['-trace_msg', '-message_file', 'sip.log', '-trace_err', '-error_file', 'errors.log']
          : []),
        '-nostdin',
      ],
      { cwd: workDir },
    );
    const exit = await sipp.exited;
    const results = readResults(join(workDir, 'calls.log'), calls);
    if (results.every((result) => result.callId === '')) {
      throw new Error(`sipp placed no call (exit ${exit.code ?? exit.signal}): ${lastLines(sipp.stderr())}`);
    }
    return results;
  } finally {
    releaseUdpPortBlock(sipPort);
    releaseUdpPortBlock(mediaPort, MEDIA_PORT_BLOCK);
    releaseUdpPortBlock(controlPort);
    if (!options.traceDir) rmSync(workDir, { recursive: true, force: true });
  }
}

function callerMedia(call: InboundCallRequest, holdMs: number): MediaSegment[] {
  const streamMs = Math.min(holdMs, LONGEST_STREAM_MS);
  if (call.media) return [...call.media, { kind: 'silence', ms: streamMs }];
  if (!call.digits) return [{ kind: 'silence', ms: streamMs }];
  return [
    { kind: 'silence', ms: call.digitDelayMs ?? 1000 },
    ...keyPresses(call.digits, DEFAULT_PHONE_TIMING),
    { kind: 'silence', ms: streamMs },
  ];
}

type MutableResult = { -readonly [K in keyof InboundCallResult]: InboundCallResult[K] };

function readResults(logFile: string, calls: readonly InboundCallRequest[]): InboundCallResult[] {
  const results: MutableResult[] = calls.map((call) => ({
    from: call.from,
    to: call.to,
    callId: '',
    result: 'failed',
    sipStatus: null,
    answeredAt: null,
    endedAt: null,
    endedBy: null,
  }));
  // SIPp creates the log at start; a missing log means it never ran a call, and every result stays failed.
  const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
  for (const line of text.split('\n')) {
    const [event, indexText, ...rest] = line.trimEnd().split(' ');
    const result = results[Number(indexText)];
    if (!result) continue;
    switch (event) {
      case 'START':
        result.callId = rest[0] ?? '';
        break;
      case 'ANSWER':
        result.result = 'answered';
        result.sipStatus = 200;
        result.answeredAt = sippTime(rest[0], rest[1]);
        break;
      case 'REJECT':
        result.result = 'rejected';
        result.sipStatus = Number(rest[0]);
        result.endedAt = sippTime(rest[1], rest[2]);
        break;
      case 'NOANSWER':
        result.result = 'no-answer';
        result.endedAt = sippTime(rest[0], rest[1]);
        break;
      case 'END':
        result.endedBy = rest[0] === 'caller' ? 'caller' : 'callee';
        result.endedAt = sippTime(rest[1], rest[2]);
        break;
    }
  }
  return results;
}

function checkRequest(request: InboundCallRequest, index: number): void {
  const problem = (reason: string) => new Error(`inbound call ${index + 1}: ${reason}`);
  if (!/^\+?[0-9]{3,20}$/.test(request.from)) throw problem(`from "${request.from}" is not a phone number`);
  if (!/^\+?[0-9*#]{1,20}$/.test(request.to)) throw problem(`to "${request.to}" is not a dialable number`);
  if (!(request.holdSeconds > 0)) throw problem('holdSeconds must be > 0');
  if (request.digits !== undefined && !/^[0-9*#]{1,8}$/.test(request.digits)) {
    throw problem(`digits must be 1 to 8 of 0-9 * #, got "${request.digits}"`);
  }
}
