/**
 * Elder SOS benchmark, through the local Asterisk, SIPp and the real card gateway wiring.
 *  1. First escalation latency over SOS_CALLS (default 100) SOS calls from registered cards, a few
 *     at a time: from the SOS call being answered (linli receiving the dialplan's LinliInbound
 *     UserEvent) to the INVITE of the first contact call arriving at the simulated carrier (sim-d,
 *     UDP 5110). The INVITE's arrival is the PSTN simulator's call log: SIPp's gettimeofday when
 *     it received the INVITE, in microseconds, on the same host clock.
 *  2. Card gateway throughput with CARDS (default 2,000) simulated love cards, with the real
 *     onMessage: every position is stored as a LocationFix and every frame updates its card.
 *     Cards run in a child process (bench/gateway-fleet.ts) so they do not share the gateway's CPU.
 *
 *   source scripts/stack-env.sh && node -r @swc-node/register bench/sos.ts
 *
 * Last line: sos_first_escalation_p50_ms=<n> sos_first_escalation_p99_ms=<n> gateway_frames_per_s=<n>
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { placeInboundCalls } from '../simulators/callers/inbound-calls';
import { fleetImei } from '../simulators/cards/card-fleet';
import { startPstnSimulator } from '../simulators/pstn/pstn-simulator';
import { startPlatform } from '../src/app/platform';
import type { Platform } from '../src/app/platform-types';
import { loadEnv } from '../src/config/env';
import type { Db } from '../src/db/client';
import { createLogger } from '../src/logging';
import { createSosCapability } from '../src/sos/sos-capability';
import type { InboundCall } from '../src/telephony/call-events';
import { createTestDatabase } from '../test/support/database';
import type { FleetReport, FleetRequest } from './gateway-fleet';

const SOS_CALLS = Number(process.env.SOS_CALLS ?? 100);
const CALLS_PER_SECOND = Number(process.env.SOS_CALLS_PER_SECOND ?? 4);
const CARDS = Number(process.env.CARDS ?? 2000);
const FLOOD_MS = Number(process.env.DURATION_S ?? 10) * 1000;
const BURST = Number(process.env.BURST ?? 8);
const TRUNK = 'sim-d';
const PSTN_PORT = 5110;
const FLEET_IMEI_PREFIX = '86373799';

const cardSim = (i: number) => `+86138${String(10_000_000 + i).slice(1)}`;
const contactPhone = (i: number) => `+86139${String(10_000_000 + i).slice(1)}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** A village of SOS_CALLS elders, each with one card and one family contact of their own. */
async function seedElders(db: Db): Promise<void> {
  const town = await db.area.create({ data: { level: 'TOWN', name: '基准镇', code: 'bench' } });
  const village = await db.area.create({
    data: { level: 'VILLAGE', name: '基准村', code: 'bench-v', parentId: town.id },
  });
  const grid = await db.area.create({
    data: { level: 'GRID', name: '一组', code: 'bench-g', parentId: village.id },
  });
  for (let i = 1; i <= SOS_CALLS; i++) {
    const home = await db.household.create({
      data: {
        externalRef: `${i}号`,
        gridId: grid.id,
        address: `村东${i}号`,
        latitude: 30.27 + i / 10_000,
        longitude: 120.15,
      },
    });
    const person = await db.person.create({
      data: { name: `老人${i}`, roles: ['ELDER'], householdId: home.id },
    });
    const child = await db.person.create({ data: { name: `子女${i}`, roles: ['FAMILY_CONTACT'] } });
    const elder = await db.elder.create({
      data: {
        personId: person.id,
        householdId: home.id,
        gridId: grid.id,
        villageId: village.id,
        settings: { escalation: { rounds: 1, ringTimeoutSeconds: 10 } },
      },
    });
    await db.elderContact.create({
      data: {
        elderId: elder.id,
        personId: child.id,
        role: 'family',
        position: 0,
        name: child.name,
        phones: [contactPhone(i)],
      },
    });
    const card = await db.card.create({
      data: { elderId: elder.id, imei: `8637370799${String(i).padStart(5, '0')}`, simNumber: cardSim(i) },
    });
    // A recent GPS fix near home, so every SOS message is worded from a real lookup.
    await db.locationFix.create({
      data: {
        cardId: card.id,
        at: new Date(),
        gpsValid: true,
        latitude: 30.2702 + i / 10_000,
        longitude: 120.1502,
        status: { satellites: 8 },
      },
    });
  }
}

async function measureFirstEscalation(platform: Platform): Promise<number[]> {
  const pstn = await startPstnSimulator({
    port: PSTN_PORT,
    numberPlan: [],
    defaultBehaviour: { kind: 'busy' },
  });
  const answeredAt = new Map<string, number>();
  const stop = platform.calls.onInboundCall((call: InboundCall) => {
    if (call.service === 'sos') answeredAt.set(`+${call.caller.replace(/^\+/, '')}`, call.at.getTime());
  });
  try {
    const calls = Array.from({ length: SOS_CALLS }, (_, i) => ({
      from: cardSim(i + 1).slice(1),
      to: '96500',
      holdSeconds: 3,
    }));
    const results = await placeInboundCalls(calls, { callsPerSecond: CALLS_PER_SECOND });
    const unanswered = results.filter((r) => r.result !== 'answered').length;
    if (unanswered > 0) console.log(`warning: ${unanswered} SOS calls were not answered by Asterisk`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const inviteAt = new Map(pstn.calls().map((c) => [`+${c.number}`, c.receivedAt.getTime()]));
    const latencies: number[] = [];
    for (let i = 1; i <= SOS_CALLS; i++) {
      const answered = answeredAt.get(cardSim(i));
      const invited = inviteAt.get(contactPhone(i));
      if (answered !== undefined && invited !== undefined) latencies.push(invited - answered);
    }
    console.log(`first escalation measured for ${latencies.length} of ${SOS_CALLS} SOS calls`);
    return latencies.sort((a, b) => a - b);
  } finally {
    stop();
    await pstn.stop();
  }
}

async function measureGateway(
  platform: Platform,
  gatewayPort: number,
  frames: () => number,
): Promise<number> {
  const db = platform.database.db;
  const elder = await db.elder.findFirstOrThrow({ select: { id: true } });
  await db.card.createMany({
    data: Array.from({ length: CARDS }, (_, i) => ({
      elderId: elder.id,
      imei: fleetImei(FLEET_IMEI_PREFIX, i + 1),
      simNumber: `+86147${String(10_000_000 + i).slice(1)}`,
    })),
  });
  const fleet = fork(`${__dirname}/gateway-fleet.ts`, [], { execArgv: ['-r', '@swc-node/register'] });
  const reports: FleetReport[] = [];
  const waiting: ((r: FleetReport) => void)[] = [];
  fleet.on('message', (r: FleetReport) => (waiting.shift() ?? ((x: FleetReport) => reports.push(x)))(r));
  const next = () =>
    new Promise<FleetReport>((resolve) =>
      reports.length > 0 ? resolve(reports.shift() as FleetReport) : waiting.push(resolve),
    );
  const ask = (request: FleetRequest) => fleet.send(request);
  try {
    ask({ type: 'start', host: '127.0.0.1', port: gatewayPort, count: CARDS, imeiPrefix: FLEET_IMEI_PREFIX });
    const connected = await next();
    if (connected.type !== 'connected')
      throw new Error(`card fleet did not start: ${JSON.stringify(connected)}`);
    console.log(`${connected.cards} cards connected in ${connected.connectMs} ms`);
    const before = frames();
    const started = process.hrtime.bigint();
    ask({ type: 'flood', durationMs: FLOOD_MS, burstSize: BURST });
    const flooded = await next();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (flooded.type !== 'flooded') throw new Error(`card fleet failed: ${JSON.stringify(flooded)}`);
    const handled = frames() - before;
    const stored = await db.locationFix.count();
    console.log(
      `flood: ${seconds.toFixed(2)} s, ${flooded.framesSent} frames sent, ${handled} handled, ${stored} fixes stored`,
    );
    return Math.round(handled / seconds);
  } finally {
    fleet.kill();
  }
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const base = loadEnv();
  const env = loadEnv({
    ...process.env,
    DATABASE_URL: database.url,
    QUEUE_PREFIX: `linli-bench-${randomBytes(4).toString('hex')}`,
    TRUNKS: `${base.TRUNKS.map((t) => `${t.name}@${t.server}:${t.channels}:${t.cps}`).join(',')},${TRUNK}@${base.AMI_SERVERS[0]?.name ?? 'local'}:60:50`,
    LOG_LEVEL: 'fatal',
  });
  // Every contact is busy on purpose, so each incident ends "nobody accepted", which logs an error.
  const platform = await startPlatform(env, createLogger('fatal'));
  const sos = createSosCapability({ trunk: TRUNK, gatewayPort: 0, inactivityEveryMs: 0 });
  const running = await sos.start?.(platform);
  try {
    await seedElders(database.db);
    const latencies = await measureFirstEscalation(platform);
    const p50 = Math.round(percentile(latencies, 50));
    const p99 = Math.round(percentile(latencies, 99));
    console.log(
      `first escalation INVITE after the SOS answer: p50 ${p50} ms, p99 ${p99} ms, max ${latencies.at(-1)} ms`,
    );
    const gateway = (await sos.runtime(platform)).gateway;
    if (!gateway) throw new Error('the card gateway did not start');
    const framesPerSecond = await measureGateway(
      platform,
      gateway.address.port,
      () => gateway.stats().framesReceived,
    );
    console.log(
      `sos_first_escalation_p50_ms=${p50} sos_first_escalation_p99_ms=${p99} gateway_frames_per_s=${framesPerSecond}`,
    );
  } finally {
    await Promise.all(running?.workers.map((w) => w.close()) ?? []);
    await running?.stop();
    await platform.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
