/**
 * Elder SOS benchmark (npm run bench:sos), through the local Asterisk, SIPp and the real card gateway
 * wiring, with an in-process linli (calls, campaigns and SOS capabilities) whose SOS trunk is the
 * simulated carrier sim-d (UDP 5110) with SOS_TRUNK_CHANNELS channels (default 10):
 *  1. First escalation latency on an idle trunk, over SOS_CALLS (default 100) SOS calls from registered
 *     cards, a few a second: from the SOS call being answered (linli receiving the dialplan's
 *     LinliInbound UserEvent) to the INVITE of the first contact call arriving at the carrier. The
 *     INVITE's arrival is the PSTN simulator's call log: SIPp's gettimeofday when it received the
 *     INVITE, on the same host clock. Every contact is busy, so each incident ends at once.
 *  2. The same while a campaign fills every channel of that trunk: a campaign is created through the
 *     API to SOS_TRUNK_CHANNELS × 3 households whose phones answer and stay silent (each call holds its
 *     channel for about a minute and a half: the message three times, 30 s for a key after each); once
 *     the carrier has the trunk's channels up (or the campaign's calls stop growing), SOS_FULL_TRUNK_CALLS
 *     (default 20) SOS calls are placed; then the campaign is cancelled and its calls hung up.
 *     trunk_over_limit: the most calls up at once at the carrier over the whole run, minus the trunk's
 *     channels, at least 0: an SOS call placed around the trunk's budget while it is full shows here.
 *  3. Card gateway throughput with CARDS (default 2,000) simulated love cards, with the real
 *     onMessage: every position is stored as a LocationFix and every frame updates its card
 *     (bench/support/gateway-flood.ts, as bench/gateway.ts runs it against a bare gateway).
 *
 * Asterisk's outgoing spool and channels are emptied at start and at exit (bench/support/bench-hygiene.ts).
 *
 *   npm run bench:sos
 *   SOS_CALLS=20 SOS_FULL_TRUNK_CALLS=10 CARDS=200 DURATION_S=3 npm run bench:sos   # a quick look
 *
 * Last line: sos_first_escalation_p50_ms=<n> sos_first_escalation_p99_ms=<n> sos_full_trunk_p99_ms=<n>
 *            trunk_over_limit=<n> gateway_frames_per_s=<n>
 * or, when anything failed, bench_failed reason="…".
 */
import { placeInboundCalls } from '../simulators/callers/inbound-calls';
import { fleetImei } from '../simulators/cards/card-fleet';
import { startPstnSimulator, type PstnSimulator } from '../simulators/pstn/pstn-simulator';
import { callsCapability } from '../src/calls/calls-capability';
import { campaignsCapability } from '../src/campaigns/campaigns-capability';
import { loadEnv } from '../src/config/env';
import type { Db } from '../src/db/client';
import { createSosCapability } from '../src/sos/sos-capability';
import type { InboundCall } from '../src/telephony/call-events';
import { authHeader, startTestPlatform, type TestPlatform } from '../test/support/platform';
import { cleanAsterisk, describeCleanup, runBenchmark } from './support/bench-hygiene';
import { callsUpAt, carrierLoad } from './support/carrier-over-limit';
import { checkDescriptorLimit, floodGateway } from './support/gateway-flood';

const SOS_CALLS = Number(process.env.SOS_CALLS ?? 100);
const CALLS_PER_SECOND = Number(process.env.SOS_CALLS_PER_SECOND ?? 4);
const FULL_TRUNK_CALLS = Number(process.env.SOS_FULL_TRUNK_CALLS ?? 20);
const FULL_TRUNK_CALLS_PER_SECOND = Number(process.env.SOS_FULL_TRUNK_CALLS_PER_SECOND ?? 2);
const TRUNK_CHANNELS = Number(process.env.SOS_TRUNK_CHANNELS ?? 10);
const TRUNK_CPS = 50;
const CAMPAIGN_HOUSEHOLDS = TRUNK_CHANNELS * 3;
const CARDS = Number(process.env.CARDS ?? 2000);
const FLOOD_MS = Number(process.env.DURATION_S ?? 10) * 1000;
const BURST = Number(process.env.BURST ?? 8);
const TRUNK = 'sim-d';
const PSTN_PORT = 5110;
const FLEET_IMEI_PREFIX = '86373799';
/** How long the campaign gets to fill the trunk, and how long its calls must stop growing to count as "all it takes". */
const FILL_LIMIT_MS = 60_000;
const PLATEAU_MS = 5_000;
/** How long after the SOS calls ended their contact calls may still arrive at the carrier. */
const INVITE_WAIT_MS = 30_000;

const cardSim = (i: number) => `+86138${String(10_000_000 + i).slice(1)}`;
const contactPhone = (i: number) => `+86139${String(10_000_000 + i).slice(1)}`;
const householdPhone = (i: number) => `+86136${String(10_000_000 + i).slice(1)}`;
const CAMPAIGN_NUMBER = /^86136/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function benchVillage(db: Db, code: string, name: string) {
  const town = await db.area.upsert({
    where: { code: 'bench' },
    update: {},
    create: { level: 'TOWN', name: '基准镇', code: 'bench' },
  });
  const village = await db.area.create({
    data: { level: 'VILLAGE', name, code, parentId: town.id },
  });
  const grid = await db.area.create({
    data: { level: 'GRID', name: '一组', code: `${code}-g`, parentId: village.id },
  });
  return { village, grid };
}

/** A village of `count` elders, each with one card and one family contact of their own. */
async function seedElders(db: Db, count: number): Promise<void> {
  const { village, grid } = await benchVillage(db, 'bench-v', '基准村');
  for (let i = 1; i <= count; i++) {
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

/** The village the campaign calls: households with one phone each, every phone answering and staying silent. */
async function seedCampaignVillage(db: Db): Promise<void> {
  const { grid } = await benchVillage(db, 'bench-c', '占线村');
  for (let i = 1; i <= CAMPAIGN_HOUSEHOLDS; i++) {
    await db.household.create({
      data: {
        externalRef: `${i}号`,
        gridId: grid.id,
        address: `村西${i}号`,
        phones: { create: [{ e164: householdPhone(i), priority: 0 }] },
      },
    });
  }
}

/**
 * SOS calls from the cards of elders `first`..`first + count - 1`; for each, the SOS call's answer
 * (as linli saw it) and the first INVITE for its contact at the carrier after it.
 */
async function measureFirstEscalation(
  t: TestPlatform,
  pstn: PstnSimulator,
  first: number,
  count: number,
  callsPerSecond: number,
): Promise<{ latencies: number[]; answeredAt: number[] }> {
  const elders = Array.from({ length: count }, (_, i) => first + i);
  const answeredAt = new Map<string, number>();
  const stop = t.platform.calls.onInboundCall((call: InboundCall) => {
    if (call.service === 'sos') answeredAt.set(`+${call.caller.replace(/^\+/, '')}`, call.at.getTime());
  });
  try {
    const calls = elders.map((i) => ({ from: cardSim(i).slice(1), to: '96500', holdSeconds: 3 }));
    const results = await placeInboundCalls(calls, { callsPerSecond });
    const unanswered = results.filter((r) => r.result !== 'answered').length;
    if (unanswered > 0) console.log(`warning: ${unanswered} SOS calls were not answered by Asterisk`);
    const invitedAfter = (i: number): number | undefined => {
      const answered = answeredAt.get(cardSim(i)) ?? Infinity;
      return pstn
        .calls()
        .find((c) => `+${c.number}` === contactPhone(i) && c.receivedAt.getTime() >= answered - 1000)
        ?.receivedAt.getTime();
    };
    const deadline = Date.now() + INVITE_WAIT_MS;
    let missing = elders.filter((i) => answeredAt.has(cardSim(i)) && invitedAfter(i) === undefined);
    while (missing.length > 0 && Date.now() < deadline) {
      await sleep(500);
      missing = missing.filter((i) => invitedAfter(i) === undefined);
    }
    const latencies: number[] = [];
    for (const i of elders) {
      const answered = answeredAt.get(cardSim(i));
      const invited = invitedAfter(i);
      if (answered !== undefined && invited !== undefined) latencies.push(invited - answered);
    }
    console.log(`first escalation measured for ${latencies.length} of ${count} SOS calls`);
    if (missing.length > 0) {
      console.log(
        `warning: ${missing.length} answered SOS calls placed no contact call within ${INVITE_WAIT_MS / 1000} s`,
      );
    }
    if (latencies.length === 0)
      throw new Error('no SOS call reached a contact: no first escalation measured');
    return { latencies: latencies.sort((a, b) => a - b), answeredAt: [...answeredAt.values()] };
  } finally {
    stop();
  }
}

function describeLatencies(label: string, sorted: number[]): { p50: number; p99: number } {
  const p50 = Math.round(percentile(sorted, 50));
  const p99 = Math.round(percentile(sorted, 99));
  console.log(`${label}: p50 ${p50} ms, p99 ${p99} ms, max ${Math.round(sorted.at(-1) ?? NaN)} ms`);
  return { p50, p99 };
}

/** Creates the campaign through the API, as a cadre would, on the SOS trunk. */
async function startCampaign(t: TestPlatform): Promise<string> {
  const response = await t.api.inject({
    method: 'POST',
    url: '/api/v1/campaigns',
    headers: authHeader,
    payload: {
      name: '占满中继',
      audience: { villages: ['bench-c'] },
      message: { text: '开会，请按1。' },
      announceMenu: false,
      trunk: TRUNK,
      callerId: '057112345678',
      ringTimeoutSeconds: 30,
      digitTimeoutSeconds: 30,
      window: { start: '00:00', end: '24:00' },
    },
  });
  if (response.statusCode !== 201) {
    throw new Error(`campaign not created (${response.statusCode}): ${response.body.slice(0, 300)}`);
  }
  return response.json<{ campaign: { id: string } }>().campaign.id;
}

const campaignCallsUp = (pstn: PstnSimulator) =>
  pstn.calls().filter((c) => CAMPAIGN_NUMBER.test(c.number) && c.endedAt === null).length;

/** Waits until the campaign's calls up at the carrier reach the trunk's channels, or stop growing. */
async function waitForFullTrunk(pstn: PstnSimulator): Promise<number> {
  const started = Date.now();
  let level = 0;
  let since = Date.now();
  while (Date.now() - started < FILL_LIMIT_MS) {
    const up = campaignCallsUp(pstn);
    if (up >= TRUNK_CHANNELS) return up;
    if (up !== level) [level, since] = [up, Date.now()];
    else if (up > 0 && Date.now() - since >= PLATEAU_MS) return up;
    await sleep(100);
  }
  throw new Error(`the campaign brought no call up on ${TRUNK} within ${FILL_LIMIT_MS / 1000} s`);
}

/** Phase 2: SOS calls while a campaign holds the trunk. */
async function measureOnFullTrunk(t: TestPlatform, pstn: PstnSimulator): Promise<number[]> {
  const campaignId = await startCampaign(t);
  try {
    const up = await waitForFullTrunk(pstn);
    console.log(
      `campaign holds ${up} of ${TRUNK}'s ${TRUNK_CHANNELS} channels at the carrier` +
        (up < TRUNK_CHANNELS ? ' (its calls stopped growing there)' : ''),
    );
    const { latencies, answeredAt } = await measureFirstEscalation(
      t,
      pstn,
      SOS_CALLS + 1,
      FULL_TRUNK_CALLS,
      FULL_TRUNK_CALLS_PER_SECOND,
    );
    const campaignCalls = pstn.calls().filter((c) => CAMPAIGN_NUMBER.test(c.number));
    const busy = answeredAt.map((at) => callsUpAt(campaignCalls, at)).sort((a, b) => a - b);
    console.log(
      `campaign calls up at the carrier when the SOS calls were answered: min ${busy[0]}, ` +
        `median ${busy[Math.floor(busy.length / 2)]}, max ${busy.at(-1)} (trunk: ${TRUNK_CHANNELS} channels)`,
    );
    return latencies;
  } finally {
    await t.api.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignId}/cancel`,
      headers: authHeader,
    });
    // The cancelled campaign's calls would hold the trunk another minute: hang them up now.
    console.log(describeCleanup('after the full-trunk phase', cleanAsterisk()));
    const until = Date.now() + 10_000;
    while (pstn.stats().active > 0 && Date.now() < until) await sleep(100);
  }
}

async function measureGateway(t: TestPlatform, gatewayPort: number, frames: () => number): Promise<number> {
  const db = t.database.db;
  const elder = await db.elder.findFirstOrThrow({ select: { id: true } });
  await db.card.createMany({
    data: Array.from({ length: CARDS }, (_, i) => ({
      elderId: elder.id,
      imei: fleetImei(FLEET_IMEI_PREFIX, i + 1),
      simNumber: `+86147${String(10_000_000 + i).slice(1)}`,
    })),
  });
  const flood = await floodGateway({
    port: gatewayPort,
    cards: CARDS,
    imeiPrefix: FLEET_IMEI_PREFIX,
    durationMs: FLOOD_MS,
    burstSize: BURST,
    framesReceived: frames,
    onConnected: (cards, connectMs) => console.log(`${cards} cards connected in ${connectMs} ms`),
  });
  const stored = await db.locationFix.count();
  console.log(
    `flood: ${flood.seconds.toFixed(2)} s, ${flood.framesSent} frames sent, ${flood.handled} handled, ${stored} fixes stored`,
  );
  return flood.framesPerSecond;
}

async function main(): Promise<string> {
  checkDescriptorLimit(CARDS);
  const base = loadEnv();
  const server = base.AMI_SERVERS[0]?.name ?? 'local';
  const otherTrunks = base.TRUNKS.filter((trunk) => trunk.name !== TRUNK);
  const trunks = [
    ...otherTrunks.map((trunk) => `${trunk.name}@${trunk.server}:${trunk.channels}:${trunk.cps}`),
    `${TRUNK}@${server}:${TRUNK_CHANNELS}:${TRUNK_CPS}`,
  ];
  // One carrier for the whole run, so its call log holds every call the trunk carried: contacts are busy,
  // the campaign's households answer and say nothing.
  const pstn = await startPstnSimulator({
    port: PSTN_PORT,
    numberPlan: Array.from({ length: CAMPAIGN_HOUSEHOLDS }, (_, i) => ({
      number: householdPhone(i + 1).slice(1),
      behaviour: { kind: 'silent' as const },
    })),
    defaultBehaviour: { kind: 'busy' },
  });
  const sos = createSosCapability({ trunk: TRUNK, gatewayPort: 0, inactivityEveryMs: 0 });
  // Every contact is busy on purpose, so each incident ends "nobody accepted", which logs an error.
  const t = await startTestPlatform([callsCapability, campaignsCapability, sos], {
    TRUNKS: trunks.join(','),
    LOG_LEVEL: 'fatal',
  }).catch(async (error: unknown) => {
    await pstn.stop();
    throw error;
  });
  try {
    await seedElders(t.database.db, SOS_CALLS + FULL_TRUNK_CALLS);
    await seedCampaignVillage(t.database.db);

    const idle = await measureFirstEscalation(t, pstn, 1, SOS_CALLS, CALLS_PER_SECOND);
    const idleFigures = describeLatencies(
      'idle trunk: first escalation INVITE after the SOS answer',
      idle.latencies,
    );

    const full = describeLatencies(
      'full trunk: first escalation INVITE after the SOS answer',
      await measureOnFullTrunk(t, pstn),
    );
    const load = carrierLoad(pstn.calls(), TRUNK_CHANNELS, Date.now());
    console.log(
      `carrier ${TRUNK}: ${pstn.calls().length} calls received, at most ${load.peak} up at once ` +
        `on ${TRUNK_CHANNELS} channels (${load.overLimit} over)`,
    );

    const gateway = (await sos.runtime(t.platform)).gateway;
    if (!gateway) throw new Error('the card gateway did not start');
    const framesPerSecond = await measureGateway(
      t,
      gateway.address.port,
      () => gateway.stats().framesReceived,
    );
    return (
      `sos_first_escalation_p50_ms=${idleFigures.p50} sos_first_escalation_p99_ms=${idleFigures.p99} ` +
      `sos_full_trunk_p99_ms=${full.p99} trunk_over_limit=${load.overLimit} gateway_frames_per_s=${framesPerSecond}`
    );
  } finally {
    await t.stop();
    await pstn.stop();
  }
}

runBenchmark({ asterisk: true }, main);
