/**
 * A city's scale-out, measured on this machine (npm run bench:scale): two Asterisk servers (the local
 * one and scripts/asterisk.sh's second instance), two linli workers on one database, and the SIP edge
 * (drachtio + src/sip-edge) in front of both. As in production, the second worker and the edge are
 * processes of their own (`serve.ts --role worker`, `--role sip-edge`): in the bench's own event loop,
 * next to the first worker, they measured that worker's load rather than theirs.
 *  1. Campaigns: the same town (BENCH_HOUSEHOLDS households, everyone presses 1) called once by one
 *     worker on one server's trunk, then by two workers on two servers, each server with its own trunk
 *     (BENCH_CHANNELS channels each, the carrier's limit), the town's grids split between them in two
 *     halves of (nearly) equal households.
 *     campaign_speedup = the first run's time ÷ the second's. Each run's trunk occupancy (from the
 *     carrier's call log) goes to stderr: where the time went that was not calls.
 *  2. SOS: 100 SOS calls (from numbers no card has) through the edge at 10 per second, spread over
 *     both servers; halfway the second Asterisk dies (SIGKILL). sos_lost = calls not answered, or that
 *     no worker recorded. edge_added_latency_p99_ms = the edge's own p99 (its Prometheus summary
 *     linli_sip_edge_added_latency_seconds) of the time it adds to setting up a call: from the
 *     carrier's INVITE (or a dead server's failure) to the INVITE towards Asterisk, plus from
 *     Asterisk's 200 OK to the carrier's. Waiting for a server is the server's, not the edge's.
 *
 * Last line: asterisk_servers=2 workers=2 campaign_speedup=<x> sos_calls=100 sos_lost=<n>
 *            edge_added_latency_p99_ms=<n>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { callsCapability } from '../src/calls/calls-capability';
import { campaignsCapability } from '../src/campaigns/campaigns-capability';
import { createSosCapability } from '../src/sos/sos-capability';
import { placeInboundCalls } from '../simulators/callers/inbound-calls';
import { startPstnSimulator, type PstnSimulator } from '../simulators/pstn/pstn-simulator';
import { drachtio, secondAsterisk } from '../test/sip-edge/support/edge-stack';
import { callApi, startTestPlatform, type TestPlatform } from '../test/support/platform';
import { waitFor } from '../test/support/stack';
import { runBenchmark } from './support/bench-hygiene';
import { benchTown, importBenchTown, type BenchTown } from './support/bench-town';
import { occupancy } from './support/channel-occupancy';
import { runLinliCampaign, type LinliRun } from './support/linli-campaign';
import { freePort, startLinliProcess } from './support/linli-process';

const SOS_CALLS = 100;
const SOS_PER_SECOND = 10;
const households = Number(process.env.BENCH_HOUSEHOLDS ?? 48);
const channels = Number(process.env.BENCH_CHANNELS ?? 4);
const RUN_LIMIT_MS = 10 * 60_000;

function campaignRequest(name: string, grids: string[], trunk: string) {
  return {
    name,
    audience: { villages: [] as string[], grids },
    message: { text: '开会，请按1。' },
    announceMenu: false,
    trunk,
    callerId: '057112345678',
    ringTimeoutSeconds: 5,
    digitTimeoutSeconds: 2,
    window: { start: '00:00', end: '24:00' },
    // Everyone answers: the default policy, never used.
    retry: {},
  };
}

/**
 * The town's grids in two halves of as equal a number of households as grids allow (largest grid first,
 * each to the lighter half): split by village count, one trunk had 26 households and the other 22, and
 * the run lasted as long as the larger half.
 */
function balancedHalves(town: BenchTown): [string[], string[]] {
  const sizes = new Map<string, number>();
  for (const h of town.population.households) sizes.set(h.gridCode, (sizes.get(h.gridCode) ?? 0) + 1);
  const halves: [{ grids: string[]; households: number }, { grids: string[]; households: number }] = [
    { grids: [], households: 0 },
    { grids: [], households: 0 },
  ];
  for (const [grid, size] of [...sizes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    const lighter = halves[0].households <= halves[1].households ? halves[0] : halves[1];
    lighter.grids.push(grid);
    lighter.households += size;
  }
  return [halves[0].grids, halves[1].grids];
}

/** Seconds from the first campaign's creation to the last one's completion, and each run. */
async function campaignSeconds(t: TestPlatform, requests: ReturnType<typeof campaignRequest>[]) {
  const runs = await Promise.all(requests.map((r) => runLinliCampaign(t, r, RUN_LIMIT_MS)));
  const ends = runs.map((r) => r.completedAt);
  if (ends.some((e) => e === null)) throw new Error('a campaign did not complete in time');
  const seconds = (Math.max(...(ends as number[])) - Math.min(...runs.map((r) => r.postedAt))) / 1000;
  return { seconds, runs };
}

/**
 * Where one campaign's time went on its trunk, from the carrier's call log: the channel-seconds of
 * calls against those the trunk had from the POST to the completion, and the idle parts.
 */
function describeRun(label: string, run: LinliRun, carrier: PstnSimulator): string {
  const calls = carrier
    .calls()
    .filter((c) => c.endedAt && c.receivedAt.getTime() >= run.postedAt)
    .map((c) => ({ startMs: c.receivedAt.getTime(), endMs: (c.endedAt as Date).getTime() }));
  const to = run.completedAt ?? Date.now();
  const o = occupancy(calls, channels, run.postedAt, to);
  const total = (channels * (to - run.postedAt)) / 1000;
  const pct = (x: number) => `${((100 * x) / total).toFixed(0)}%`;
  const meanCall = o.calls === 0 ? 0 : o.channelSeconds / o.calls;
  const lastEnd = Math.max(...calls.map((c) => c.endMs));
  return (
    `${label}: ${o.calls} calls, mean ${meanCall.toFixed(1)} s, peak ${o.peak}/${channels} channels; ` +
    `busy ${pct(o.channelSeconds)}, idle before the first call ${pct(o.idle.beforeFirstCall)} ` +
    `(POST took ${(run.createMs / 1000).toFixed(1)} s), while work waited ${pct(o.idle.whileWorkWaited)}, ` +
    `ramp-down ${pct(o.idle.rampDown)}; last call end → completed ${((to - lastEnd) / 1000).toFixed(1)} s\n`
  );
}

/** The value of one sample line of a Prometheus text exposition, e.g. `name{quantile="0.99"}`. */
function sample(metrics: string, series: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? NaN : Number(line.slice(series.length + 1));
}

async function main(): Promise<string> {
  const local = process.env.AMI_SERVERS;
  if (!local) throw new Error('AMI_SERVERS is not set: run through npm run bench:scale');
  const town: BenchTown = benchTown({ households, seed: 'bench-scale', hangUpAfterKeySeconds: 1 });
  const grids = [...new Set(town.population.households.map((h) => h.gridCode))];
  const [halfA, halfB] = balancedHalves(town);
  const carriers: PstnSimulator[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    const second = secondAsterisk.start();
    cleanups.push(() => secondAsterisk.stop());
    const drachtioUrl = drachtio.start();
    cleanups.push(() => drachtio.stop());
    // Everyone presses 1 and hangs up: the trunks' channels are the only limit.
    const answering = { kind: 'press-and-hold', digits: '1', holdSeconds: 1 } as const;
    for (const port of [5080, 5090]) {
      carriers.push(await startPstnSimulator({ port, numberPlan: [], defaultBehaviour: answering }));
    }
    const [carrierA, carrierB] = carriers as [PstnSimulator, PstnSimulator];

    // 1a. One worker, one server, one trunk.
    const one = await startTestPlatform([callsCapability, campaignsCapability], {
      TRUNKS: `sim-a@local:${channels}:50:0`,
    });
    let oneSeconds: number;
    try {
      await importBenchTown(one.database.db, town);
      const measured = await campaignSeconds(one, [campaignRequest('一台', grids, 'sim-a')]);
      oneSeconds = measured.seconds;
      process.stderr.write(describeRun('one server, one worker', measured.runs[0] as LinliRun, carrierA));
    } finally {
      await one.stop();
    }
    process.stderr.write(`one server, one worker: ${households} households in ${oneSeconds.toFixed(1)} s\n`);

    // 1b. Two workers (this process and one of its own), two servers, a trunk on each.
    const sos = createSosCapability({ trunk: 'sim-a', gatewayPort: 0, inactivityEveryMs: 0 });
    const overrides = {
      AMI_SERVERS: `${local},${second}`,
      TRUNKS: `sim-a@local:${channels}:50:0,sim-b@second:${channels}:50:0`,
    };
    const two = await startTestPlatform([callsCapability, campaignsCapability, sos], overrides);
    cleanups.push(() => two.stop());
    const worker = await startLinliProcess(
      'worker',
      {
        ...overrides,
        DATABASE_URL: two.database.url,
        QUEUE_PREFIX: two.platform.env.QUEUE_PREFIX,
        MEDIA_DIR: two.platform.env.MEDIA_DIR,
        // Its card gateway and loudspeaker audio server on ports of their own.
        CARD_GATEWAY_PORT: String(await freePort()),
        BROADCAST_AUDIO_PORT: '0',
      },
      'linli started',
    );
    cleanups.push(() => worker.stop());
    await importBenchTown(two.database.db, town);
    const measured = await campaignSeconds(two, [
      campaignRequest('一号台', halfA, 'sim-a'),
      campaignRequest('二号台', halfB, 'sim-b'),
    ]);
    const twoSeconds = measured.seconds;
    process.stderr.write(describeRun('two servers, sim-a', measured.runs[0] as LinliRun, carrierA));
    process.stderr.write(describeRun('two servers, sim-b', measured.runs[1] as LinliRun, carrierB));
    process.stderr.write(`two servers, two workers: the same town in ${twoSeconds.toFixed(1)} s\n`);

    // 2. SOS calls through the edge, in its own process; the second Asterisk dies halfway.
    const edgePort = await freePort();
    const edge = await startLinliProcess(
      'sip-edge',
      {
        DRACHTIO_URL: drachtioUrl,
        SIP_EDGE_SERVERS: `local@127.0.0.1:5060,second@127.0.0.1:${secondAsterisk.sip.port}`,
        SIP_EDGE_CARRIERS: '127.0.0.1',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(edgePort),
      },
      'SIP edge started',
    );
    cleanups.push(() => edge.stop());
    const callers = Array.from({ length: SOS_CALLS }, (_, i) => ({
      from: `86137${String(10_000_000 + i).padStart(8, '0')}`,
      to: '96500',
      holdSeconds: 3,
    }));
    const placing = placeInboundCalls(callers, { port: drachtio.sipPort, callsPerSecond: SOS_PER_SECOND });
    await sleep(((SOS_CALLS / 2) * 1000) / SOS_PER_SECOND);
    secondAsterisk.crash();
    const results = await placing;
    const recorded = new Set<string>();
    await waitFor(
      async () => {
        const listed = await callApi<{ items: { details: { caller: string } }[] }>(
          two,
          'GET',
          '/api/v1/sos/unknown-calls',
        );
        listed.body.items.forEach((i) => recorded.add(i.details.caller.replace(/^\+/, '')));
        return recorded.size >= SOS_CALLS || undefined;
      },
      60_000,
      'every SOS call recorded',
    ).catch(() => undefined);
    const lost = results.filter((r) => r.result !== 'answered' || !recorded.has(r.from)).length;
    const metrics = await (await fetch(`http://127.0.0.1:${edgePort}/metrics`)).text();
    const p99 = sample(metrics, 'linli_sip_edge_added_latency_seconds{quantile="0.99"}') * 1000;
    const p50 = sample(metrics, 'linli_sip_edge_added_latency_seconds{quantile="0.5"}') * 1000;
    const attempts = metrics
      .split('\n')
      .filter((l) => l.startsWith('linli_sip_edge_attempts_total{'))
      .map((l) => l.replace('linli_sip_edge_attempts_total', ''))
      .join(' ');
    process.stderr.write(
      `SOS: ${SOS_CALLS} calls, ${results.filter((r) => r.result === 'answered').length} answered, ` +
        `${recorded.size} recorded by the workers; edge added p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; ` +
        `edge attempts ${attempts}; edge event-loop lag p99 ` +
        `${(sample(metrics, 'nodejs_eventloop_lag_p99_seconds') * 1000).toFixed(1)} ms\n`,
    );
    return (
      `asterisk_servers=2 workers=2 campaign_speedup=${(oneSeconds / twoSeconds).toFixed(2)} ` +
      `sos_calls=${SOS_CALLS} sos_lost=${lost} edge_added_latency_p99_ms=${p99.toFixed(1)}`
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await Promise.all(carriers.map((c) => c.stop()));
  }
}

runBenchmark({ asterisk: true }, main);
