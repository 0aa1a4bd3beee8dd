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
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '../src/logging';
import { createCardGateway, createRedisCommandStore } from '../src/sos/gateway';
import { fleetImei } from '../simulators/cards/card-fleet';
import { runBenchmark } from './support/bench-hygiene';
import { checkDescriptorLimit, floodGateway } from './support/gateway-flood';

const CARDS = Number(process.env.CARDS ?? 2000);
const DURATION_MS = Number(process.env.DURATION_S ?? 10) * 1000;
const BURST = Number(process.env.BURST ?? 8);
const IMEI_PREFIX = '86373707';

async function main(): Promise<string> {
  checkDescriptorLimit(CARDS);
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

  try {
    const flood = await floodGateway({
      port: gateway.address.port,
      cards: CARDS,
      imeiPrefix: IMEI_PREFIX,
      durationMs: DURATION_MS,
      burstSize: BURST,
      framesReceived: () => gateway.stats().framesReceived,
      onConnected: (cards, connectMs) =>
        console.log(
          `${cards} cards connected in ${connectMs} ms; gateway sees ${gateway.stats().connections}`,
        ),
    });
    const stats = gateway.stats();
    console.log(
      `flood: ${flood.seconds.toFixed(2)} s, ${flood.framesSent} frames sent, ${flood.handled} handled by the gateway`,
    );
    console.log(`bursts answered: ${flood.burstsAnswered} (${BURST} frames each, last one an LK)`);
    console.log(`messages by kind: ${JSON.stringify(Object.fromEntries(byKind))}`);
    console.log(
      `gateway stats: connections=${stats.connections} decodeErrors=${stats.decodeErrors} ` +
        `invalidMessages=${stats.invalidMessages} handlerErrors=${stats.handlerErrors} repliesSent=${stats.repliesSent}`,
    );
    return `gateway_frames_per_s=${flood.framesPerSecond}`;
  } finally {
    await gateway.close();
    await redis.quit();
  }
}

runBenchmark({ asterisk: false }, main);
