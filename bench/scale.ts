/**
 * A city's scale-out, measured on this machine (npm run bench:scale): two Asterisk servers (the local
 * one and scripts/asterisk.sh's second instance), two linli workers on one database, and the SIP edge
 * (drachtio + src/sip-edge) in front of both.
 *  1. Campaigns: the same town (BENCH_HOUSEHOLDS households, everyone presses 1) called once by one
 *     worker on one server's trunk, then by two workers on two servers, each server with its own trunk
 *     (BENCH_CHANNELS channels each, the carrier's limit), the town's villages split between them.
 *     campaign_speedup = the first run's time ÷ the second's.
 *  2. SOS: 100 SOS calls (from numbers no card has) through the edge at 10 per second, spread over
 *     both servers. sos_lost = calls not answered, or that no worker recorded.
 *     edge_added_latency_p99_ms = the time the edge itself adds to setting up a call: from the carrier's
 *     INVITE to the INVITE towards Asterisk, plus from Asterisk's 200 OK to the carrier's.
 *
 * Last line: asterisk_servers=2 workers=2 campaign_speedup=<x> sos_calls=100 sos_lost=<n>
 *            edge_added_latency_p99_ms=<n>
 */
import { callsCapability } from '../src/calls/calls-capability';
import { campaignsCapability } from '../src/campaigns/campaigns-capability';
import type { Capability } from '../src/app/platform-types';
import { startPlatform } from '../src/app/platform';
import { loadEnv, requireSipEdge } from '../src/config/env';
import { createLogger } from '../src/logging';
import { startSipEdge } from '../src/sip-edge/sip-edge';
import { createSosCapability } from '../src/sos/sos-capability';
import { placeInboundCalls } from '../simulators/callers/inbound-calls';
import { startPstnSimulator, type PstnSimulator } from '../simulators/pstn/pstn-simulator';
import { drachtio, secondAsterisk } from '../test/sip-edge/support/edge-stack';
import { callApi, startTestPlatform, type TestPlatform } from '../test/support/platform';
import { waitFor } from '../test/support/stack';
import { runBenchmark } from './support/bench-hygiene';
import { benchTown, importBenchTown, type BenchTown } from './support/bench-town';
import { runLinliCampaign } from './support/linli-campaign';

const SOS_CALLS = 100;
const households = Number(process.env.BENCH_HOUSEHOLDS ?? 48);
const channels = Number(process.env.BENCH_CHANNELS ?? 4);
const RUN_LIMIT_MS = 10 * 60_000;

function campaignRequest(name: string, villages: string[], trunk: string) {
  return {
    name,
    audience: { villages },
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

/** A second worker process on the same database and queues, with the same capabilities. */
async function secondWorker(t: TestPlatform, capabilities: Capability[]) {
  const platform = await startPlatform(t.platform.env, createLogger('warn'));
  const running = await Promise.all(capabilities.map((c) => c.start?.(platform)));
  return async () => {
    for (const r of running) {
      await Promise.all(r?.workers.map((w) => w.close()) ?? []);
      await r?.stop();
    }
    await platform.close();
  };
}

/** Seconds from the first campaign's creation to the last one's completion. */
async function campaignSeconds(t: TestPlatform, requests: ReturnType<typeof campaignRequest>[]) {
  const runs = await Promise.all(requests.map((r) => runLinliCampaign(t, r, RUN_LIMIT_MS)));
  const ends = runs.map((r) => r.completedAt);
  if (ends.some((e) => e === null)) throw new Error('a campaign did not complete in time');
  return (Math.max(...(ends as number[])) - Math.min(...runs.map((r) => r.postedAt))) / 1000;
}

async function main(): Promise<string> {
  const local = process.env.AMI_SERVERS;
  if (!local) throw new Error('AMI_SERVERS is not set: run through npm run bench:scale');
  const town: BenchTown = benchTown({ households, seed: 'bench-scale', hangUpAfterKeySeconds: 1 });
  const villages = town.population.villages.map((v) => v.code);
  const half = Math.ceil(villages.length / 2);
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

    // 1a. One worker, one server, one trunk.
    const one = await startTestPlatform([callsCapability, campaignsCapability], {
      TRUNKS: `sim-a@local:${channels}:50:0`,
    });
    let oneSeconds: number;
    try {
      await importBenchTown(one.database.db, town);
      oneSeconds = await campaignSeconds(one, [campaignRequest('一台', villages, 'sim-a')]);
    } finally {
      await one.stop();
    }
    process.stderr.write(`one server, one worker: ${households} households in ${oneSeconds.toFixed(1)} s\n`);

    // 1b. Two workers, two servers, a trunk on each.
    const sos = createSosCapability({ trunk: 'sim-a', gatewayPort: 0, inactivityEveryMs: 0 });
    const capabilities = [callsCapability, campaignsCapability, sos];
    const two = await startTestPlatform(capabilities, {
      AMI_SERVERS: `${local},${second}`,
      TRUNKS: `sim-a@local:${channels}:50:0,sim-b@second:${channels}:50:0`,
    });
    cleanups.push(() => two.stop());
    cleanups.push(await secondWorker(two, capabilities));
    await importBenchTown(two.database.db, town);
    const twoSeconds = await campaignSeconds(two, [
      campaignRequest('一号台', villages.slice(0, half), 'sim-a'),
      campaignRequest('二号台', villages.slice(half), 'sim-b'),
    ]);
    process.stderr.write(`two servers, two workers: the same town in ${twoSeconds.toFixed(1)} s\n`);

    // 2. SOS calls through the edge.
    const added: number[] = [];
    const edge = await startSipEdge(
      requireSipEdge(
        loadEnv({
          ...process.env,
          DRACHTIO_URL: drachtioUrl,
          SIP_EDGE_SERVERS: `local@127.0.0.1:5060,second@127.0.0.1:${secondAsterisk.sip.port}`,
          SIP_EDGE_CARRIERS: '127.0.0.1',
        }),
      ),
      createLogger('warn'),
      { onConnected: (_server, ms) => added.push(ms) },
    );
    cleanups.push(() => edge.stop());
    const callers = Array.from({ length: SOS_CALLS }, (_, i) => ({
      from: `86137${String(10_000_000 + i).padStart(8, '0')}`,
      to: '96500',
      holdSeconds: 3,
    }));
    const results = await placeInboundCalls(callers, { port: drachtio.sipPort, callsPerSecond: 10 });
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
    added.sort((a, b) => a - b);
    const p99 = added[Math.min(added.length - 1, Math.ceil(added.length * 0.99) - 1)] ?? NaN;
    process.stderr.write(
      `SOS: ${SOS_CALLS} calls, ${results.filter((r) => r.result === 'answered').length} answered, ` +
        `${recorded.size} recorded by the workers\n`,
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
