/**
 * Loudspeaker broadcast benchmark (npm run bench:broadcast), through the local Asterisk, Mosquitto,
 * PostgreSQL and Redis, with linli (the broadcasts capability, API and worker) in this process and the
 * speakers in processes of their own, as they are in a village:
 *  - 200 SIP horns (bench-horn-001…200 in simulators/asterisk/pjsip_sim_speakers.conf, all behind one
 *    SIPp auto-answer UAS on UDP 5400) in four zones of 50, paged one call per zone;
 *  - 1,000 MQTT speakers (simulators/speakers, one MQTT connection each, in a child process) that
 *    download the audio over HTTP, check its sha256 and report `started`.
 * TTS render time: a notice never rendered before (cache miss), then the same again (cache hit).
 * Then one emergency broadcast to the whole village through the API: per speaker, the time from the
 * API call to its start (MQTT: the speaker's `started` report, by its own clock; SIP: the page
 * answered, from the per-speaker report). Figures on a shared 2-core machine are noisy.
 *
 *   npm run bench:broadcast
 *   MQTT_SPEAKERS=200 npm run bench:broadcast   # a quick look
 *
 * Last line: broadcast_speakers=<n> all_started_p99_ms=<n> tts_render_ms=<n>
 * or, when anything failed, bench_failed reason="…".
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { FleetProcess } from '../simulators/speakers/fleet-process';
import { SipSpeaker } from '../simulators/speakers/sip-speaker';
import { numberedSpeakers } from '../simulators/speakers/speaker-fleet';
import { broadcastsCapability } from '../src/broadcasts/broadcasts-capability';
import { broadcastPrompt } from '../src/broadcasts/content/broadcast-prompt';
import { authHeader, startTestPlatform, type TestPlatform } from '../test/support/platform';
import { runBenchmark } from './support/bench-hygiene';

const SIP_SPEAKERS = 200;
const MQTT_SPEAKERS = Number(process.env.MQTT_SPEAKERS ?? 1000);
const ZONE_SIZE = 50;
const HORN_PORT = 5400;
const START_WAIT_MS = 60_000;

const horn = (i: number) => `bench-horn-${String(i).padStart(3, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function seed(t: TestPlatform, mqttIds: string[]): Promise<void> {
  const db = t.database.db;
  const town = await db.area.create({ data: { level: 'TOWN', name: '基准镇', code: 'bench-bc-t' } });
  const village = await db.area.create({
    data: { level: 'VILLAGE', name: '基准村', code: 'bench-bc', parentId: town.id },
  });
  const zones = await Promise.all(
    Array.from({ length: SIP_SPEAKERS / ZONE_SIZE }, (_, z) =>
      db.speakerZone.create({ data: { villageId: village.id, name: `片区${z + 1}` } }),
    ),
  );
  const base = { areaId: village.id, villageId: village.id };
  await db.speaker.createMany({
    data: [
      ...Array.from({ length: SIP_SPEAKERS }, (_, i) => ({
        ...base,
        name: horn(i + 1),
        endpoint: horn(i + 1),
        kind: 'SIP' as const,
        zoneId: zones[Math.floor(i / ZONE_SIZE)]!.id,
      })),
      ...mqttIds.map((endpoint) => ({ ...base, name: endpoint, endpoint, kind: 'MQTT' as const })),
    ],
  });
}

/** A clean-up step, named on stderr when it is slow (a run that never exits holds the stack's lock). */
async function step(what: string, run: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  const slow = setTimeout(() => console.error(`clean-up: still waiting: ${what}`), 10_000);
  try {
    await run();
  } finally {
    clearTimeout(slow);
    if (Date.now() - started > 2000) console.error(`clean-up: ${what} in ${Date.now() - started} ms`);
  }
}

/** p50/p99 of a set of milliseconds, as a line's words. */
function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms`;
}

async function main(): Promise<string> {
  const horns = await SipSpeaker.start(HORN_PORT);
  const t = await startTestPlatform([broadcastsCapability], {
    BROADCAST_AUDIO_PORT: '0',
    BROADCAST_RETRY_MS: '1000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  });
  const fleetSpeakers = numberedSpeakers(`bench-${randomBytes(3).toString('hex')}`, MQTT_SPEAKERS);
  const leftovers: string[] = [];
  let fleet: FleetProcess | undefined;
  try {
    await seed(
      t,
      fleetSpeakers.map((s) => s.deviceId),
    );
    fleet = await FleetProcess.start({ speakers: fleetSpeakers, timeScale: 0.05 });
    const db = t.database.db;
    await until(
      `${MQTT_SPEAKERS} MQTT speakers online`,
      async () =>
        (await db.speaker.count({ where: { kind: 'MQTT', online: true } })) === MQTT_SPEAKERS
          ? true
          : undefined,
      60_000,
    );

    const text = `基准测试紧急通知${Date.now()}：山洪预警，请沿河居民立即转移到村委会。`;
    const prompt = broadcastPrompt({ content: { kind: 'tts', text }, chime: true, repeat: 1, drill: false });
    const { mediaDir, codec } = { mediaDir: t.platform.env.MEDIA_DIR, codec: t.platform.env.TTS_CODEC };
    let started = Date.now();
    const audioMs = await t.platform.prompts.durationMs(prompt);
    const ttsRenderMs = Date.now() - started;
    for (const ref of prompt) {
      const ready = await t.platform.prompts.ready(ref);
      if (ready.kind === 'file') leftovers.push(path.join(mediaDir, `${ready.name}.${codec}`));
    }
    started = Date.now();
    await t.platform.prompts.durationMs(prompt);
    const cachedMs = Date.now() - started;
    console.log(
      `tts: ${(audioMs / 1000).toFixed(1)} s of audio rendered in ${ttsRenderMs} ms (cache miss); ` +
        `the same again ${cachedMs} ms (cache hit)`,
    );

    const t0 = Date.now();
    const linliCpuBefore = process.cpuUsage();
    const res = await t.api.inject({
      method: 'POST',
      url: '/api/v1/broadcasts',
      headers: authHeader,
      payload: { content: { text }, priority: 'emergency', chime: true, targets: { villages: ['bench-bc'] } },
    });
    if (res.statusCode !== 201) throw new Error(`broadcast not created (${res.statusCode}): ${res.body}`);
    const id = res.json<{ id: string }>().id;
    leftovers.push(path.join(mediaDir, 'broadcasts', `${id}.wav`));
    const mqtt = await fleet.waitForAll(id, 'started', START_WAIT_MS).catch(async (error: Error) => {
      const states = await db.broadcastDelivery.groupBy({
        by: ['state', 'reason'],
        where: { broadcastId: id },
        _count: true,
      });
      throw new Error(
        `${error.message.slice(0, 120)}; deliveries: ${JSON.stringify(states.map((s) => [s.state, s.reason, s._count]))}`,
      );
    });
    const linliCpu = process.cpuUsage(linliCpuBefore);
    const mqttTimings = mqtt.timings;
    const sipStarts = await until(
      `${SIP_SPEAKERS} SIP speakers started`,
      async () => {
        const rows = await db.broadcastDelivery.findMany({
          where: { broadcastId: id, startedAt: { not: null }, speaker: { kind: 'SIP' } },
          select: { startedAt: true },
        });
        return rows.length === SIP_SPEAKERS ? rows.map((r) => r.startedAt!.getTime() - t0) : undefined;
      },
      START_WAIT_MS,
    );
    const mqttStarts = mqttTimings.map((m) => m.reportedAtMs - t0);
    const latencies = [...sipStarts, ...mqttStarts].sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `phases: MQTT play command received ${spread(mqttTimings.map((m) => m.commandAtMs - t0))} after the API call; ` +
        `command to started (download, sha256) ${spread(mqttTimings.map((m) => m.reportedAtMs - m.commandAtMs))}`,
    );
    console.log(
      `started: SIP (${SIP_SPEAKERS} in ${SIP_SPEAKERS / ZONE_SIZE} pages) ${spread(sipStarts)}; ` +
        `MQTT (${mqttStarts.length}) ${spread(mqttStarts)}`,
    );
    console.log(
      `started: ${latencies.length} speakers from the API call p50 ${p50} ms, p99 ${p99} ms, last ${latencies.at(-1)} ms`,
    );
    console.log(`SIP horns received ${horns.rtp.tally.packets} RTP packets so far`);
    // Processor time is what a change saves on a shared machine, where the wall clock is noisy.
    const linliCpuMs = Math.round((linliCpu.user + linliCpu.system) / 1000);
    console.log(
      `cpu from the API call to every MQTT speaker started: linli ${linliCpuMs} ms ` +
        `(${((linliCpuMs * 1000) / MQTT_SPEAKERS).toFixed(0)} µs per MQTT speaker, this process: API, worker, ` +
        `audio server, and the horns' RTP counter), fleet ${mqtt.cpuMs} ms ` +
        `(${((mqtt.cpuMs * 1000) / MQTT_SPEAKERS).toFixed(0)} µs per speaker)`,
    );
    return `broadcast_speakers=${latencies.length} all_started_p99_ms=${p99} tts_render_ms=${ttsRenderMs}`;
  } finally {
    // Speakers first (linli waits for the reports it is acting on before its database closes).
    await step('speaker fleet closed', async () => fleet?.close());
    await step('linli stopped', () => t.stop());
    await step('horns stopped', () => horns.stop());
    for (const file of leftovers) rmSync(file, { force: true });
  }
}

runBenchmark({ asterisk: true }, main);
