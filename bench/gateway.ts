/**
 * Card gateway throughput: N simulated 爱心卡 cards (default 2,000) on loopback send bursts of
 * UD positions plus an LK, each card sending its next burst once the gateway answered the LK,
 * for a fixed time. Prints frames per second the gateway handled (decoded, passed to onMessage,
 * LK answered with a Redis command-queue check); the last line is `gateway_frames_per_s=<n>`.
 *
 *   node -r @swc-node/register bench/gateway.ts
 *   CARDS=2000 DURATION_S=10 BURST=8 node -r @swc-node/register bench/gateway.ts
 *
 * Needs Redis on REDIS_URL (default redis://127.0.0.1:6379). Each process holds one descriptor
 * per card, so `ulimit -n` must exceed CARDS plus a margin; the run stops early if it does not.
 */
import { execSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '../src/logging';
import { createCardGateway, createRedisCommandStore } from '../src/sos/gateway';
import { fleetImei } from '../simulators/cards/card-fleet';
import type { FleetReport, FleetRequest } from './gateway-fleet';

const CARDS = Number(process.env.CARDS ?? 2000);
const DURATION_MS = Number(process.env.DURATION_S ?? 10) * 1000;
const BURST = Number(process.env.BURST ?? 8);
const IMEI_PREFIX = '86373707';
const FD_MARGIN = 200;

function descriptorLimit(): number {
  const soft = execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim();
  return soft === 'unlimited' ? Infinity : Number(soft);
}

async function main(): Promise<void> {
  const limit = descriptorLimit();
  if (limit < CARDS + FD_MARGIN) {
    throw new Error(
      `ulimit -n is ${limit}; ${CARDS} cards need at least ${CARDS + FD_MARGIN}. Run "ulimit -n 65536" first.`,
    );
  }

  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { enableAutoPipelining: true });
  const keyPrefix = `linli-bench:${randomUUID()}`;
  const known = new Set(Array.from({ length: CARDS }, (_, i) => fleetImei(IMEI_PREFIX, i + 1)));
  const byKind = new Map<string, number>();
  const gateway = await createCardGateway({
    host: '127.0.0.1',
    port: 0,
    isKnownDevice: async (imei) => known.has(imei),
    onMessage: async (message) => void byKind.set(message.kind, (byKind.get(message.kind) ?? 0) + 1),
    commandStore: createRedisCommandStore({ redis, keyPrefix }),
    logger: createLogger('warn', 'bench-gateway'),
  });

  const fleet = fork(`${__dirname}/gateway-fleet.ts`, [], { execArgv: ['-r', '@swc-node/register'] });
  const reports: FleetReport[] = [];
  const waiting: Array<(r: FleetReport) => void> = [];
  fleet.on('message', (r: FleetReport) => (waiting.shift() ?? ((x: FleetReport) => reports.push(x)))(r));
  const nextReport = () =>
    new Promise<FleetReport>((resolve) => {
      const queued = reports.shift();
      if (queued) resolve(queued);
      else waiting.push(resolve);
    });
  const ask = (request: FleetRequest) => fleet.send(request);

  try {
    ask({
      type: 'start',
      host: '127.0.0.1',
      port: gateway.address.port,
      count: CARDS,
      imeiPrefix: IMEI_PREFIX,
    });
    const connected = await nextReport();
    if (connected.type !== 'connected') throw new Error(`fleet did not start: ${JSON.stringify(connected)}`);
    console.log(
      `${connected.cards} cards connected in ${connected.connectMs} ms; gateway sees ${gateway.stats().connections}`,
    );

    const before = gateway.stats().framesReceived;
    const started = process.hrtime.bigint();
    ask({ type: 'flood', durationMs: DURATION_MS, burstSize: BURST });
    const flooded = await nextReport();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (flooded.type !== 'flooded') throw new Error(`fleet failed: ${JSON.stringify(flooded)}`);

    const stats = gateway.stats();
    const handled = stats.framesReceived - before;
    const perSecond = Math.round(handled / seconds);
    console.log(
      `flood: ${seconds.toFixed(2)} s, ${flooded.framesSent} frames sent, ${handled} handled by the gateway`,
    );
    console.log(`bursts answered: ${flooded.burstsAnswered} (${BURST} frames each, last one an LK)`);
    console.log(`messages by kind: ${JSON.stringify(Object.fromEntries(byKind))}`);
    console.log(
      `gateway stats: connections=${stats.connections} decodeErrors=${stats.decodeErrors} ` +
        `invalidMessages=${stats.invalidMessages} handlerErrors=${stats.handlerErrors} repliesSent=${stats.repliesSent}`,
    );
    console.log(`gateway_frames_per_s=${perSecond}`);
  } finally {
    fleet.kill();
    await gateway.close();
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
