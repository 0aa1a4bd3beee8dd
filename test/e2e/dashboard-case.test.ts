import type { Page } from 'playwright-core';
import { callsCapability } from '../../src/calls/calls-capability';
import { createCasesCapability } from '../../src/cases/cases-capability';
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
import { callApi, startTestPlatform, type TestPlatform } from '../support/platform';

jest.setTimeout(60_000);

describe('the dashboard: a cadre moves a case through its states', () => {
  let t: TestPlatform;
  let population: Population;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let baseUrl: string;
  let page: Page;

  beforeAll(async () => {
    requireDashboardBuild();
    t = await startTestPlatform([callsCapability, createCasesCapability()]);
    population = await seedMappedVillage(t.database.db, 18);
    baseUrl = await listen(t);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows the queue with its countdown, then accepts, resolves and closes the case', async () => {
    const village = population.villages[0];
    const area = await t.database.db.area.findUniqueOrThrow({ where: { code: village?.code ?? '' } });
    const opened = await callApi<{ id: string; number: string }>(t, 'POST', '/api/v1/cases', {
      category: 'complaint',
      description: '村口路灯坏了三天，晚上看不见路。',
      areaId: area.id,
      address: '村口',
    });
    expect(opened.status).toBe(201);
    const token = await scopedToken(t.database.db, 'CADRE', village?.code ?? '', '溪头村村委');
    await openDashboard(page, baseUrl, token, '/app/cases');
    const row = page.getByTestId('case-row').filter({ hasText: opened.body.number });
    await row.getByTestId('countdown').waitFor();
    await screenshot(page, 'cases-desktop');

    await row.getByRole('link', { name: opened.body.number }).click();
    const state = page.getByTestId('case-state');
    await state.filter({ hasText: '已接收' }).waitFor();
    for (const [to, label] of [
      ['accepted', '已受理'],
      ['resolved', '已办理'],
      ['closed', '已办结'],
    ] as const) {
      if (to === 'resolved') await page.getByLabel('说明（可不填）').fill('已联系电工，路灯修好');
      await page.getByRole('button', { name: `改为“${label}”` }).click();
      await state.filter({ hasText: label }).waitFor();
      if (to === 'resolved') await screenshot(page, 'case-desktop');
    }
    await page.setViewportSize(PHONE);
    await screenshot(page, 'case-phone');
    await page.setViewportSize(DESKTOP);
    // The English switch, and back.
    await page.getByRole('button', { name: /^English/ }).click();
    await page.getByTestId('case-state').filter({ hasText: 'closed' }).waitFor();
    await page.getByRole('link', { name: 'Cases' }).waitFor();
    await page.getByRole('button', { name: /^中文/ }).click();
    await page.getByTestId('case-state').filter({ hasText: '已办结' }).waitFor();

    const stored = await callApi<{ state: string; timeline: { note: string }[] }>(
      t,
      'GET',
      `/api/v1/cases/${opened.body.id}`,
    );
    expect(stored.body.state).toBe('closed');
    expect(stored.body.timeline.map((s) => s.note)).toContain('已联系电工，路灯修好');
  });
});
