import type { Page } from 'playwright-core';
import { campaignsCapability } from '../../src/campaigns/campaigns-capability';
import { callsCapability } from '../../src/calls/calls-capability';
import { createCasesCapability } from '../../src/cases/cases-capability';
import { createSosCapability } from '../../src/sos/sos-capability';
import { startPstnSimulator, type PstnSimulator } from '../../simulators/pstn/pstn-simulator';
import type { Population } from '../../simulators/population/population-types';
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
import { startTestPlatform, type TestPlatform } from '../support/platform';

jest.setTimeout(90_000);

const HOUSEHOLDS = 18;

describe('the dashboard: a cadre creates a campaign in the browser and watches it reach 100%', () => {
  let pstn: PstnSimulator;
  let t: TestPlatform;
  let population: Population;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    requireDashboardBuild();
    // SOS too, as linli runs: the overview shows open incidents and cases beside the campaigns.
    const sos = createSosCapability({ trunk: 'pstn', gatewayPort: 0, inactivityEveryMs: 0 });
    t = await startTestPlatform([callsCapability, sos, campaignsCapability, createCasesCapability()]);
    population = await seedMappedVillage(t.database.db, HOUSEHOLDS);
    // Every household answers and presses 1; a few seconds a call.
    pstn = await startPstnSimulator({
      numberPlan: population.households.flatMap((h) =>
        h.phones.map((phone) => ({
          number: phone.replace(/^\+/, ''),
          behaviour: { kind: 'press' as const, digits: '1' },
        })),
      ),
      timeScale: 0.3,
    });
    baseUrl = await listen(t);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await pstn?.stop();
  });

  it('estimates, launches, pauses and resumes, shows live progress to 100% and the results, on a desktop and a phone', async () => {
    const village = population.villages[0];
    if (!village) throw new Error('no village generated');
    const token = await scopedToken(t.database.db, 'CADRE', village.code, '溪头村村委');
    await openDashboard(page, baseUrl, token);
    // The token leaves the address bar; the map has a dot per household.
    await page.getByTestId('who').waitFor();
    expect(page.url()).toBe(`${baseUrl}/app/`);
    await page
      .locator('.map-house')
      .nth(HOUSEHOLDS - 1)
      .waitFor();
    expect(await page.locator('.map-house').count()).toBe(HOUSEHOLDS);

    await page.getByRole('link', { name: '外呼通知' }).click();
    await page.getByRole('link', { name: '新建外呼' }).click();
    await page.getByLabel('任务名称').fill('防汛转移演练通知');
    await page.getByLabel(new RegExp(`^${village.name} \\(${HOUSEHOLDS}\\)$`)).check();
    await page.getByLabel(/播报内容/).fill('今晚有强降雨，请低洼处住户做好转移准备。');
    // The cadre hears the message as the households will, before anyone is called.
    await page.getByRole('button', { name: '试听' }).click();
    const heard = await page.getByTestId('speech-preview-player').evaluate(
      (audio: {
        readyState: number;
        duration: number;
        addEventListener(type: string, listener: () => void): void;
      }) =>
        new Promise<number>((resolve) => {
          if (audio.readyState >= 1) resolve(audio.duration);
          else audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
        }),
    );
    expect(heard).toBeGreaterThan(2);
    await page.getByLabel('主叫号码').fill('057112345678');
    await page.getByLabel('最多同时呼叫（路）').fill('10');
    await page.getByLabel('每天开始呼叫').fill('00:00');
    await page.getByLabel('每天结束呼叫').fill('23:59');
    await expect(page.getByRole('button', { name: '开始呼叫' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: '预估' }).click();
    await page.getByText(`将呼叫 ${HOUSEHOLDS} 户`).waitFor();
    await screenshot(page, 'campaign-new-desktop');

    await page.getByRole('button', { name: '开始呼叫' }).click();
    await page.waitForURL(/\/app\/campaigns\/[0-9a-f-]{36}$/);
    const status = page.getByTestId('campaign-status');
    await status.filter({ hasText: '进行中' }).waitFor();
    // Paused while the first calls are up (they finish; no new ones start), then resumed.
    await page.getByRole('button', { name: '暂停' }).click();
    await status.filter({ hasText: '已暂停' }).waitFor();
    await page.getByRole('button', { name: '继续' }).click();
    await status.filter({ hasText: '进行中' }).waitFor();
    // Live, without a reload: the bar moves while the calls are made, and ends full.
    await page.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 45_000 });
    await status.filter({ hasText: '已完成' }).waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('progress-label').textContent()).resolves.toBe(
      `已完成 ${HOUSEHOLDS}/${HOUSEHOLDS} 户（100%）`,
    );
    await page.getByRole('cell', { name: '确认' }).first().waitFor();
    expect(await page.locator('#results-heading ~ .table-wrap tbody tr').count()).toBe(HOUSEHOLDS);
    await screenshot(page, 'campaign-desktop');

    await page.setViewportSize(PHONE);
    await page.getByTestId('progress-label').waitFor();
    await screenshot(page, 'campaign-phone');
    await page.getByRole('link', { name: '一张图' }).click();
    await page.getByTestId('campaign-card').getByText('100%').waitFor();
    await screenshot(page, 'overview-phone');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'overview-desktop');
  });

  it("shows a grid worker their grid's households of the campaign only, and nothing to create or control", async () => {
    const grid = population.villages[0]?.grids[0];
    if (!grid) throw new Error('no grid generated');
    const token = await scopedToken(t.database.db, 'GRID_WORKER', grid.code, grid.worker.name);
    const phone = await browser.context.newPage();
    await phone.setViewportSize(PHONE);
    await openDashboard(phone, baseUrl, token, '/app/campaigns');
    await phone.getByRole('link', { name: '防汛转移演练通知' }).click();
    await phone.getByTestId('progress-label').waitFor();
    await expect(phone.getByTestId('progress-label').textContent()).resolves.toBe(
      `已完成 ${grid.householdCount}/${grid.householdCount} 户（100%）`,
    );
    expect(await phone.getByRole('button', { name: '暂停' }).count()).toBe(0);
    await phone.getByRole('link', { name: '外呼通知' }).click();
    await phone.getByRole('heading', { name: '外呼通知' }).waitFor();
    expect(await phone.getByRole('link', { name: '新建外呼' }).count()).toBe(0);
    await phone.close();
  });
});
