import { SipSpeaker } from '../speakers/sip-speaker';
import { numberedSpeakers, SpeakerFleet } from '../speakers/speaker-fleet';
import { apiCall, type DemoContext } from './demo-context';

interface Delivery {
  speakerName: string;
  kind: 'sip' | 'mqtt';
  state: string;
  reason: string | null;
  startedAt: string | null;
  secondsPlayed: number | null;
}

interface BroadcastView {
  id: string;
  status: string;
  deliveries: Delivery[];
}

/** The village's horn at its committee: an auto-answer SIP speaker (sim-horn-3 in the demo's Asterisk). */
const SIP_HORN = { endpoint: 'sim-horn-3', port: 5303 };
const MQTT_SPEAKERS = 4;
/** The 4G speakers play in real time, as the horn does: the notice is still on when the warning comes. */
const TIME_SCALE = 1;

/** A weather service's CAP 1.2 warning for the village, as its feed would send it. */
function capWarning(villageName: string, townName: string): string {
  const now = new Date();
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>CN-DEMO-${now.getTime()}</identifier>
  <sender>warning@qx.example.cn</sender>
  <sent>${iso(now)}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <expires>${iso(new Date(now.getTime() + 2 * 3600_000))}</expires>
    <senderName>县气象台</senderName>
    <headline>县气象台发布暴雨橙色预警</headline>
    <description>未来三小时${villageName}将出现强降水。</description>
    <instruction>请远离河道，低洼地带人员立即转移。</instruction>
    <area>
      <areaDesc>${townName}${villageName}</areaDesc>
    </area>
  </info>
</alert>`;
}

function reportLines(view: BroadcastView): string[] {
  return view.deliveries.map((d) => {
    const started = d.startedAt ? `started ${d.startedAt.slice(11, 19)}Z` : 'not started';
    const seconds = d.secondsPlayed === null ? '' : `, ${d.secondsPlayed.toFixed(1)} s played`;
    const why = d.reason ? ` (${d.reason})` : '';
    return `    ${d.speakerName.padEnd(22)} ${d.kind.padEnd(4)} ${d.state.padEnd(9)} ${started}${seconds}${why}`;
  });
}

/**
 * The village's loudspeakers: a morning notice to every speaker of the village (4G speakers on MQTT
 * and the committee's SIP horn, paged through Asterisk), then the county's rainstorm warning fed in as
 * CAP 1.2 XML, which preempts the notice on the same speakers; the per-speaker reports are printed.
 */
export async function broadcastScene(ctx: DemoContext): Promise<void> {
  const village = ctx.population.villages[0];
  if (!village) return;
  ctx.say(`\n▶ 村村响 Loudspeakers: ${MQTT_SPEAKERS} 4G speakers and a SIP horn in ${village.name}`);
  const fleetSpeakers = numberedSpeakers(`demo-spk-${village.code}`, MQTT_SPEAKERS);
  for (const s of [
    ...fleetSpeakers.map((f) => ({ endpoint: f.deviceId, kind: 'mqtt' })),
    { ...SIP_HORN, kind: 'sip' },
  ]) {
    const created = await apiCall(ctx, 'POST', '/api/v1/speakers', {
      name: s.endpoint,
      area: village.code,
      kind: s.kind,
      endpoint: s.endpoint,
    });
    if (created.status !== 201)
      throw new Error(`registering speaker ${s.endpoint}: ${JSON.stringify(created.body)}`);
  }
  const horn = await SipSpeaker.start(SIP_HORN.port);
  const fleet = await SpeakerFleet.start({ speakers: fleetSpeakers, timeScale: TIME_SCALE });
  const stopSpeakers = async () => {
    await fleet.close();
    await horn.stop();
  };
  // The dashboard's cadre made these broadcasts, so they are the cadre's to see (the admin's have no area).
  const cadre = { baseUrl: ctx.baseUrl, token: ctx.dashboardToken };
  try {
    await until(ctx, 'the 4G speakers online', async () => {
      const list = await apiCall<{ endpoint: string; online: boolean }[]>(
        ctx,
        'GET',
        `/api/v1/speakers?village=${village.code}`,
      );
      return list.body.filter((s) => s.online).length >= MQTT_SPEAKERS;
    });
    // Important rather than normal: the demo may run in the village's quiet hours (22:00–07:00).
    const notice = await apiCall<BroadcastView>(cadre, 'POST', '/api/v1/broadcasts', {
      title: '早间通知',
      priority: 'important',
      content: {
        text: '各位村民早上好。今天上午九点，村委会门口发放防汛物资，请每户派一人带好身份证前来领取。',
      },
      chime: true,
      targets: { villages: [village.code] },
    });
    if (notice.status !== 201) throw new Error(`the morning notice: ${JSON.stringify(notice.body)}`);
    const noticeId = notice.body.id;
    ctx.say(`  morning notice ${noticeId} sent to the village's speakers`);
    await fleet.waitForAll(noticeId, 'started', fleet.deviceIds, 30_000);
    await until(ctx, 'the horn paged', async () => {
      const view = await broadcast(ctx, noticeId);
      return view.deliveries.some((d) => d.kind === 'sip' && d.state === 'playing');
    });
    // The village hears the notice's first sentences before the warning comes in.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    ctx.say('  every speaker is playing it; the county weather service sends a warning (CAP 1.2 XML) …');

    const fed = await fetch(`${ctx.baseUrl}/api/v1/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cadre.token}`, 'content-type': 'application/xml' },
      body: capWarning(village.name, ctx.population.town.name),
    });
    const outcome = (await fed.json()) as { action: string; broadcastId: string | null; reason?: string };
    if (fed.status !== 201 || !outcome.broadcastId) throw new Error(`the alert: ${JSON.stringify(outcome)}`);
    const alertId = outcome.broadcastId;
    ctx.say(`  alert → emergency broadcast ${alertId}, preempting the notice on the same speakers`);
    await fleet.waitForAll(alertId, 'finished', fleet.deviceIds, 60_000);
    const settled = await until(
      ctx,
      'the alert played everywhere',
      async () => {
        const view = await broadcast(ctx, alertId);
        return (
          view.deliveries.length > 0 &&
          view.deliveries.every(
            (d) => d.state !== 'playing' && d.state !== 'sent' && d.state !== 'pending',
          ) &&
          view
        );
      },
      90_000,
    );
    ctx.say('  morning notice, per speaker:');
    for (const line of reportLines(await broadcast(ctx, noticeId))) ctx.say(line);
    ctx.say('  rainstorm warning, per speaker:');
    for (const line of reportLines(settled)) ctx.say(line);
    ctx.say(`  the horn received ${horn.rtp.seconds.toFixed(1)} s of audio over RTP`);
  } catch (err) {
    await stopSpeakers();
    throw err;
  }
  // Left on, so that the dashboard shows the village's speakers online while the demo is kept.
  ctx.closeAtExit(stopSpeakers);
}

async function broadcast(ctx: DemoContext, id: string): Promise<BroadcastView> {
  return (await apiCall<BroadcastView>(ctx, 'GET', `/api/v1/broadcasts/${id}`)).body;
}

/** Asks again every half second until `check` gives something, or fails naming `what`. */
async function until<T>(
  ctx: DemoContext,
  what: string,
  check: () => Promise<T | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`demo: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
