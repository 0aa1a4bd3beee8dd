import type { Page } from 'playwright-core';
import { numberedSpeakers, SpeakerFleet } from '../../simulators/speakers/speaker-fleet';
import { SipSpeaker } from '../../simulators/speakers/sip-speaker';
import type { Population } from '../../simulators/population/population-types';
import { broadcastsCapability } from '../../src/broadcasts/broadcasts-capability';
import {
  DESKTOP,
  launchBrowser,
  listen,
  openDashboard,
  PHONE,
  requireDashboardBuild,
  scopedToken,
  screenshot,
  seedMappedVillage,
} from '../support/dashboard';
import { callApi, startTestPlatform, type TestPlatform } from '../support/platform';

jest.setTimeout(60_000);

const NOTICE = '山洪预警：请沿河住户立即转移到村委会。';

/**
 * A village cadre sends an emergency broadcast from the dashboard through its confirmation step; two 4G
 * speakers (the simulated fleet, through the real Mosquitto) and a SIP horn (SIPp, paged through the
 * real Asterisk) start it, and the per-speaker report shows them started while the offline one is not.
 */
describe('the dashboard: an emergency broadcast with its confirmation step', () => {
  let t: TestPlatform;
  let population: Population;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let baseUrl: string;
  let page: Page;
  let fleet: SpeakerFleet;
  let horn: SipSpeaker;
  const mqtt = numberedSpeakers('dash-bc', 2);

  beforeAll(async () => {
    requireDashboardBuild();
    horn = await SipSpeaker.start(5301);
    fleet = await SpeakerFleet.start({ speakers: mqtt, timeScale: 0.05 });
    t = await startTestPlatform([broadcastsCapability], {
      BROADCAST_AUDIO_PORT: '0',
      BROADCAST_RETRY_MS: '500',
    });
    population = await seedMappedVillage(t.database.db, 18);
    const village = population.villages[0]?.code ?? '';
    const spots = population.households.flatMap((h) => (h.coordinates ? [h.coordinates] : []));
    const speakers = [
      ...mqtt.map((s) => ({ name: `${s.deviceId} 号喇叭`, kind: 'mqtt', endpoint: s.deviceId })),
      { name: '村委会大喇叭', kind: 'sip', endpoint: 'sim-horn-1' },
      { name: '河边喇叭（断电）', kind: 'mqtt', endpoint: 'dash-bc-dark' },
    ];
    for (const [i, s] of speakers.entries()) {
      const spot = spots[(i * 5) % spots.length];
      const created = await callApi(t, 'POST', '/api/v1/speakers', {
        ...s,
        area: village,
        ...(spot && { latitude: spot.latitude, longitude: spot.longitude }),
      });
      expect(created.status).toBe(201);
    }
    baseUrl = await listen(t);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await fleet?.close();
    await horn?.stop();
  });

  it('sends only after the area and message are confirmed, then reports the speakers started', async () => {
    const village = population.villages[0];
    const token = await scopedToken(t.database.db, 'CADRE', village?.code ?? '', '溪头村村委');
    // A daily fire-safety notice from tomorrow on, for the calendar (it never plays during the test).
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', {
      timeZone: 'Asia/Shanghai',
    });
    const daily = await t.api.inject({
      method: 'POST',
      url: '/api/v1/broadcasts',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        title: '防火提醒',
        content: { text: '天干物燥，小心火烛。' },
        targets: { villages: [village?.code] },
        schedule: {
          cron: '0 8 * * *',
          startAt: `${tomorrow}T00:00:00+08:00`,
          endAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        },
      },
    });
    expect(daily.statusCode).toBe(201);
    await openDashboard(page, baseUrl, token, '/app/broadcasts');
    // The two 4G speakers report in over MQTT (the SIP horn once the engine has qualified it); the dark one never.
    await page
      .getByTestId('speakers-online')
      .filter({ hasText: /在线 [23]\/4/ })
      .waitFor();

    await page.getByRole('button', { name: '紧急广播' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: village?.name ?? '', exact: true }).check();
    await dialog.getByLabel('广播内容（将转为语音）').fill(NOTICE);
    await dialog.getByRole('button', { name: '下一步：核对' }).click();
    await dialog
      .getByTestId('confirm-area')
      .filter({ hasText: village?.name ?? '' })
      .waitFor();
    await dialog.getByTestId('confirm-message').filter({ hasText: NOTICE }).waitFor();
    const send = dialog.getByRole('button', { name: '立即播放紧急广播' });
    // Nothing goes out before the cadre ticks that area and message are right.
    expect(await send.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: '我已核对区域和内容，确认立即播放' }).check();
    await send.click();

    // The report, live: the SIP horn and both 4G speakers started; the dark one waits, offline.
    const started = page.locator(
      '[data-testid="delivery-row"][data-state="playing"], [data-testid="delivery-row"][data-state="finished"]',
    );
    await page
      .getByTestId('broadcast-summary')
      .filter({ hasText: '已开始 3/4 个喇叭' })
      .waitFor({ timeout: 30_000 });
    expect(await started.count()).toBe(3);
    await page
      .getByTestId('delivery-row')
      .filter({ hasText: '河边喇叭（断电）' })
      .filter({ hasText: '喇叭离线' })
      .waitFor();
    await screenshot(page, 'broadcast-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'broadcast-phone');
    await page.setViewportSize(DESKTOP);
    // Back on the board, the calendar shows the emergency today beside the daily notice.
    await page.getByRole('link', { name: '广播', exact: true }).click();
    await page.getByTestId('calendar-play').filter({ hasText: NOTICE }).waitFor();
    await screenshot(page, 'broadcasts-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'broadcasts-phone');
    await page.setViewportSize(DESKTOP);

    const created = await t.database.db.broadcast.findFirstOrThrow({ where: { text: NOTICE } });
    expect(created.priority).toBe('EMERGENCY');
    expect(fleet.speakersIn(created.id, 'started')).toEqual(mqtt.map((s) => s.deviceId));
  });
});
